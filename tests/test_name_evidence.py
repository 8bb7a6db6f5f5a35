"""Names on edited text: identifiers, people and a document's own spellings stay as written."""

import pytest

from repair import Repairer

# A page of documentation that writes its names the way edited text does: many
# names, all of them right. Each test adds one sentence to it.
PAGE = (
    "# Building the site\n\n"
    "This guide shows how to build the site with JavaScript tools on Linux, macOS and Windows. "
    "You need Node.js 18 or later, a GitHub account and a terminal. The build reads TypeScript "
    "and Markdown files, bundles them, and writes plain HTML into the output folder. "
    "Most teams run it on GitHub Actions, but any CI service will do; the steps are the same. "
    "First install the dependencies with the package manager of your choice, then run the build "
    "script once to check that everything works. If the build fails, read the first error it "
    "prints: the later ones usually follow from it. When the build passes, commit the lock file "
    "so that every machine installs the same versions. The configuration lives in one file at the "
    "root of the project, and every option has a default, so a new project needs only a few lines. "
    "Larger projects split the configuration by environment and keep the secrets out of the "
    "repository, in the settings of their CI service.\n\n"
)


@pytest.fixture(scope="module")
def builtin() -> Repairer:
    """A repairer with the built-in lexicon only."""
    return Repairer()


@pytest.mark.parametrize(
    "text",
    [
        "Set GITHUB_TOKEN before GitHub runs the job.",  # an environment variable
        "Builds for macOS read MACOS_MIN_VERSION first.",
        'JavaScript may not run from a "javascript:void(0)" link.',  # a URL scheme
        "Thanks to @watson for the review.",  # a handle
        "Python finds itself through process.env.PYTHON here.",  # a member of an object
    ],
)
def test_names_in_code_keep_their_case(builtin, text):
    """A name glued into an identifier, a URL scheme or a handle is code, and code keeps its case."""
    assert builtin.repair(text).text == text


@pytest.mark.parametrize(
    "text",
    [
        "The fix came from Anna Mckesson last week.",  # a company's name, here a surname
        "The fix came from Lena Xing last week.",  # a listed ticker, here a surname
        "The patch from Mark S. Everitt landed.",  # after a name and an initial: no misspelt place
    ],
)
def test_surnames_after_given_names_stay(builtin, text):
    """A capitalised word right after a given name is a surname, which no company's casing bends."""
    assert builtin.repair(text).text == text


def test_a_company_name_alone_is_still_recased(builtin):
    """Without a given name before it, the company's name is recased as before."""
    assert builtin.repair("Shares of Mckesson rose.").text == "Shares of McKesson rose."


def test_capitalised_word_is_no_listed_ticker(builtin):
    """A capitalised word that reads as a word is not recased to a ticker in capitals from the large lists."""
    text = "Support for Xing arrived, and the Xing team met."
    assert builtin.repair(text).text == text


def test_a_listed_acronym_of_consonants_is_still_recased(builtin):
    """A capitalised run of consonants is the listed acronym written wrong."""
    assert builtin.repair("The audit was done by Kpmg last year.").text == "The audit was done by KPMG last year."


@pytest.mark.parametrize(
    "text",
    [
        "Thanks to Lena Okafor, Gujarathi, and Tobias Klein for testing.",  # a person, not a language
        "Thanks to Lena Okafor, Alexandr, and Tobias Klein for testing.",
    ],
)
def test_people_in_a_list_are_not_bent_to_other_names(builtin, text):
    """A contributor's name in a list of people is no misspelt language or city."""
    assert builtin.repair(text).text == text


@pytest.mark.parametrize(
    "text",
    [
        'Docs: write "JavaScript" instead of "Javascript" now.',
        "Docs: change Nodejs to Node.js in the guide.",
        "Docs: NodeJS->Node.js in every page.",
    ],
)
def test_a_spelling_discussed_beside_the_right_one_stays(builtin, text):
    """A wrong form set against the right one ("X to Y", "X->Y") is quoted, not written: leave it."""
    assert builtin.repair(text).text == text


def test_a_word_derived_from_a_name_is_no_near_miss(builtin):
    """"Noders" is made from "Node.js", not a misspelling of it."""
    text = "Many Noders asked for it, and Node.js 4 ships it."
    assert builtin.repair(text).text == text


@pytest.mark.parametrize(
    "sentence",
    [
        "The old plugins were written in Coffeescript and still work.",  # its own casing, written once
        "Install openssl first; OpenSSL 3 is required.",  # lower case: the package or the command
        "Both CommonJs and ESM work. A CommonJs module loads too. CommonJS is older.",  # its house spelling
        "Some people still write NodeJS and NodeJS works as a search term.",
    ],
)
def test_edited_page_keeps_its_own_name_spellings(builtin, sentence):
    """On a page that writes its names right, a form its author chose is not recased."""
    text = PAGE + sentence + "\n"
    assert builtin.repair(text, markup="markdown").text == text


def test_edited_page_still_fixes_a_lone_slip(builtin):
    """A single mis-cased name beside its right form on the same page is still fixed."""
    text = PAGE + "Open an issue on Github if the build fails.\n"
    assert builtin.repair(text, markup="markdown").text == text.replace("on Github", "on GitHub")


@pytest.mark.parametrize(
    ("garbled", "clean"),
    [
        ("The old plugins were written in Coffeescript.", "The old plugins were written in CoffeeScript."),
        ("The team moved to Pytorch and Pytorch was faster.", "The team moved to PyTorch and PyTorch was faster."),
    ],
)
def test_short_texts_are_repaired_as_before(builtin, garbled, clean):
    """A short text says too little about itself: its names are recased as before."""
    assert builtin.repair(garbled).text == clean


def test_a_page_full_of_garbled_names_is_repaired():
    """Many names written wrong in a few hundred words are damage, even when each repeats."""
    sentences = [
        "Yesterday Openai shipped a model that rivals Pytorch tools.",
        "Critics at Netscape Labs compared Openai with Deepsek and with Tensorflow.",
        "Openai said the model runs on Pytorch and on Tensorflow alike.",
    ]
    filler = "The analysts said the pricing was aggressive and the market would follow it closely. " * 8
    text = " ".join(sentences) + " " + filler
    out = Repairer().repair(text).text
    assert "Openai" not in out and "Pytorch" not in out and "Tensorflow" not in out
    assert out.count("OpenAI") == 3 and out.count("PyTorch") == 2
