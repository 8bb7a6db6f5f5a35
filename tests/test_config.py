"""Settings files: found upwards, strict about keys and types."""

import pytest

from repair.config import ConfigError, find_config, load_config


def test_nearest_file_wins_and_paths_are_relative_to_it(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.repair]\nthreshold = 0.9\n', encoding="utf-8")
    sub = tmp_path / "docs" / "deep"
    sub.mkdir(parents=True)
    (tmp_path / "docs" / ".repair.toml").write_text('lexicons = ["names.txt"]\nexclude = ["drafts"]\n', encoding="utf-8")
    path = find_config(sub)
    assert path == tmp_path / "docs" / ".repair.toml"
    config = load_config(path)
    assert config.lexicons == (tmp_path / "docs" / "names.txt",)
    assert config.exclude == ("drafts",) and config.threshold is None
    assert load_config(find_config(tmp_path)).threshold == 0.9


def test_pyproject_without_our_table_is_skipped(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.black]\nline-length = 80\n', encoding="utf-8")
    found = find_config(tmp_path)
    assert found is None or found.parent != tmp_path


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("threshhold = 0.5", "unknown key 'threshhold'"),
        ("threshold = 'high'", "wrong type"),
        ("threshold = 1.5", "between 0 and 1"),
        ("select = ['spelling']", "unknown families: spelling"),
        ("words = [1, 2]", "list of strings"),
        ("[per-path-ignores]\n'a/*' = ['nope']", "unknown families: nope"),
        ("threshold = ", "not valid TOML"),
    ],
)
def test_bad_settings_name_the_file(tmp_path, body, message):
    path = tmp_path / ".repair.toml"
    path.write_text(body + "\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=message) as info:
        load_config(path)
    assert str(path) in str(info.value)


def test_tool_table_in_repair_toml_is_an_error_that_says_so(tmp_path):
    """A [tool.repair] table in .repair.toml is refused with a message saying keys go at top level."""
    path = tmp_path / ".repair.toml"
    path.write_text("[tool.repair]\nthreshold = 0.9\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="belongs in pyproject.toml; in .repair.toml write the keys at top level"):
        load_config(path)
