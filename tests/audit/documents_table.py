"""Test documents modelled on real ones, each labelled with how a newcomer reads it.

Every row reproduces a pattern seen in a public repository's document (cited by repository, path and
commit). The texts are our own: only short marker phrases that identify a template are kept, because
they are what identifies it. Each label was set before the audit ran on the row:

- ``pass``: a newcomer finds what they need (the check should pass);
- ``short``: something a newcomer needs is missing, a placeholder or an unfilled template (the check
  should warn or fail, never pass);
- ``partial``: the commands are there, but in a guide written for coding agents (warn, naming it).

The last nine rows (``held_out``) were studied and labelled after the checks were written, to see
how the checks do on documents they were not shaped by.

Each row's document sits alone in an otherwise healthy repository (``tests/audit/worlds.py``), at the
path its project really uses, and is read through the fake GitHub as the audit reads it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Want = Literal["pass", "short", "partial"]
Check = Literal["readme", "contributing", "code-of-conduct"]


@dataclass(frozen=True)
class Doc:
    id: str
    check: Check
    path: str
    text: str
    want: Want
    #: "owner/name path@commit" of the real document the pattern comes from.
    source: str
    #: What the pattern is, in a few words.
    pattern: str
    #: Other files of the row's repository (an agent guide next to a thin CONTRIBUTING).
    extra: dict[str, str] = field(default_factory=dict)
    #: Studied and labelled after the checks were written, to see how they do on documents they
    #: were not shaped by.
    held_out: bool = False


THIN_CONTRIBUTING = """# Contributing

Please discuss a change in an issue first, then fork the repository and open a pull request.
"""

CONTRIBUTING_ROWS: tuple[Doc, ...] = (
    Doc("c-flask-rst", "contributing", "CONTRIBUTING.rst", """\
How to contribute to Tidy
=========================

Submitting patches
------------------

Explain the bug a patch fixes and include a test that fails without it, then open a pull request.

Running the tests
-----------------

Create a virtual environment, then::

    git clone https://github.com/tidy/tidy.git
    cd tidy
    pip install -e .

Run the suite with::

    pytest
""", "pass", "pallets/flask CONTRIBUTING.rst@0690ce18c276e5c0fd364663d14df6898d5e5ff4",
        "reStructuredText guide: clone, editable install, pytest under a tests heading"),
    Doc("c-rich-poetry", "contributing", "CONTRIBUTING.md", """\
# Contributing to Tidy

Pull requests are welcome; for a new feature, open an issue first.

## Development environment

```
pip install poetry
poetry install
```

### Tests

```
make test
```

New code should come with tests.
""", "pass", "Textualize/rich CONTRIBUTING.md@0355fee2cb393a62a0571f13db91bfffd5d8f462",
        "short guide with poetry install and make test in code blocks"),
    Doc("c-cookiecutter-make", "contributing", "CONTRIBUTING.md", """\
# Contributing to {{ cookiecutter.project_name | title }}

## Steps to make a pull request

1. Clone the repository
2. `make test` must pass
3. Open a pull request

```bash
git clone {{ cookiecutter.repo_url }}
cd {{ cookiecutter.project_slug }}
pip install -r requirements/dev.txt
make test
{%- if cookiecutter.use_api == 'y' %}
open http://localhost:8080
{%- endif %}
```
""", "short",
        "Kuzmenko-Pavel/Prozorro-Sale-Start-Kit prozorro_sale_start_kit/template/"
        "{{cookiecutter.project_name}}/CONTRIBUTING.md@b40c90ddf8fc5abbbce8e5f23ae8e653f04a9d7c",
        "unrendered cookiecutter guide committed as is"),
    Doc("c-cookiecutter-words", "contributing", "CONTRIBUTING.md", """\
# Contributing to {{cookiecutter.name}}

Thank you for considering a contribution to {{cookiecutter.name}}!

## Getting Started

1. Fork the repository.
2. Clone your fork: `git clone <repo-url>`
3. Install any dependencies required for development.

## Pull Request Process

1. Write tests for any new features.
2. Open a pull request against `main`.
""", "short",
        "goabonga/cookiecutter-kubernetes-deployment {{cookiecutter.name}}/CONTRIBUTING.md"
        "@80d1e3511d687f113b828c5defabe1e57ce789c2",
        "unrendered template whose words name setup and tests without a command"),
    Doc("c-discuss-first", "contributing", "CONTRIBUTING.md", """\
# Contributing

Before changing anything, discuss it with the owners in an issue.

## Pull Request Process

1. Open an issue explaining the problem.
2. Fork this repository and create a branch.
3. Open a pull request from your branch.
""", "short", "QuentinN42/docker-compose CONTRIBUTING.md@c25d8c5c5475d1e1b2f4f49ae2475069955cbee9",
        "process only: no setup, no tests"),
    Doc("c-list-process", "contributing", "CONTRIBUTING.md", """\
# Contributing

Discuss the change you want in an issue before you make it.

## Pull Request Process

1. Fork the repository.
2. Add your entry to the README.
3. Open a pull request describing the change.
""", "short", "Knowledge21/awesome-agile CONTRIBUTING.md@63f98357b15e28f06c5a657c695603bd23316f9d",
        "pull request steps only"),
    Doc("c-tested-word", "contributing", "CONTRIBUTING.md", """\
# Contributing

Talk to the owners about your change before you start.

## Pull Request Process

1. Make sure the owners know what you are working on.
2. Make sure your code works and is tested.
3. A pull request is merged after two reviews.
""", "short", "NAU-OSS/Group-1 CONTRIBUTING.md@c60d06132458f49a80531f6d79eca31d077eaaf2",
        "'tested' as a word, no command"),
    Doc("c-update-tests", "contributing", "CONTRIBUTING.md", """\
# Contributing

Please discuss a change in an issue first.

## Pull Request Process

- Update the tests to cover your change.
- Update the doc comments where needed.
- A maintainer merges the pull request after sign-off.
""", "short", "antouhou/easy-tree CONTRIBUTING.md@4bcfaad04d8ec48fa6c2cbbd5155eacb984edc24",
        "'update the tests' without saying how to run them"),
    Doc("c-lowercase-thin", "contributing", "contributing.md", """\
# How to contribute

Edit the list and open a pull request. Keep each entry to a title and a short summary.
""", "short", "denvaar/project_ideas contributing.md@914067288aa2819925856a6066ca3fecefcb1ee0",
        "lower-case file name, thin"),
    Doc("c-naming-rules", "contributing", "CONTRIBUTING.md", """\
# Contributing Guidelines

1. Nouns should be simple, respectful words.
2. Adjectives should be single words that describe the noun.
3. Be creative, but keep names inclusive.
""", "short", "aziontech/go-thoth CONTRIBUTING.md@e8d952fddda3e677f987382c5f8837f327ffad74",
        "content rules only"),
    Doc("c-docker-layer", "contributing", "docs/contributing.md", """\
# Contributing

When contributing to this repository, please first discuss the change you wish to make via issue,
email, or any other method with the owners of this repository before making a change.

## Pull Request Process

1. Ensure any install or build dependencies are removed before the end of the layer when doing a build.
2. Update the documentation with details of changes to the interface.
3. The owners merge pull requests.
""", "short",
        "cardano-foundation/testnets-cardano-org docs/contributing.md"
        "@5c9f94fb2586dc9758159962df805f461c8065e7",
        "widely copied CONTRIBUTING template: its Docker line looks like setup"),
)

AGENT_ROWS: tuple[Doc, ...] = (
    Doc("a-agents-pnpm", "contributing", "CONTRIBUTING.md", THIN_CONTRIBUTING, "partial",
        "hydrabeer/word-bomb AGENTS.md@2f9d941803733cfc52c24cc488082e8b5d9913db",
        "setup and test commands only in AGENTS.md",
        extra={"AGENTS.md": "# Agent notes\n\n## Dev environment\n- Run `pnpm install` first.\n\n"
                            "## Testing\n- Run `pnpm test` before every commit.\n"}),
    Doc("a-claude-checks", "contributing", "CONTRIBUTING.md", THIN_CONTRIBUTING, "partial",
        "SwellPatrol/meditation.surf AGENTS.md@739b21c10008eff602fc43bcc07d7f1ef2da4667",
        "the checks to run only in an agent guide (kept here as CLAUDE.md)",
        extra={"CLAUDE.md": "# Working here\n\nBefore a pull request, run:\n\n```sh\nnpm ci\n"
                            "npm run lint\nnpm test\n```\n"}),
    Doc("a-copilot-build", "contributing", "CONTRIBUTING.md", THIN_CONTRIBUTING, "partial",
        "Nosto/nosto-autocomplete .github/copilot-instructions.md"
        "@a6587bfedebf72d48849e31155be51b1f40b8770",
        "build and test commands in .github/copilot-instructions.md",
        extra={".github/copilot-instructions.md": "# Instructions\n\n## Build\n\n* `npm ci` installs "
               "the dependencies\n* `npm test` runs the suite with coverage\n"}),
    Doc("a-agents-linked", "contributing", "CONTRIBUTING.md",
        THIN_CONTRIBUTING + "\nSetup and test commands are in [AGENTS.md](AGENTS.md).\n", "pass",
        "gscalzo/TweetExtract AGENTS.md@b58e28e5c863a08d63cd5577b63b9096ad9807d0",
        "agent guide holds the commands and CONTRIBUTING links it",
        extra={"AGENTS.md": "# Agent instructions\n\n- Install with `npm install`.\n"
                            "- Always run `npm test` before replying.\n"}),
)

CONDUCT_ROWS: tuple[Doc, ...] = (
    Doc("k-gh-cli-hyphen", "code-of-conduct", ".github/CODE-OF-CONDUCT.md", """\
# Contributor Covenant Code of Conduct

## Our Pledge

We pledge to make participation in our project a harassment-free experience for everyone.

## Enforcement

Abusive or harassing behaviour may be reported to the project team at conduct@tidy-project.org.
Every complaint is reviewed, and the reporter's identity is kept confidential.
""", "pass", "cli/cli .github/CODE-OF-CONDUCT.md@00c4e4b3d003adfbe09d02bd7a1517b646ceaf2f",
        "Covenant with a real address, kept as .github/CODE-OF-CONDUCT.md"),
    Doc("k-team-no-address", "code-of-conduct", "CODE_OF_CONDUCT.md", """\
# Code of Conduct

We want everyone to feel safe taking part.

## Enforcement

Violations may be reported by contacting the project team. All complaints will be reviewed.
""", "short",
        "mehrdadzakershahrak/MindForge-Framework CODE_OF_CONDUCT.md"
        "@436d203e19e668bae833fd158aae8470b42cd2fc",
        "'contacting the project team' with no address"),
    Doc("k-team-no-address-attribution", "code-of-conduct", "CODE_OF_CONDUCT.md", """\
# Code of Conduct

Be kind and inclusive.

## Enforcement

Unacceptable behaviour may be reported by contacting the project team.

Adapted from the Contributor Covenant, https://www.contributor-covenant.org/version/2/1/code_of_conduct/
""", "short", "57951/KurdishCalendar CODE_OF_CONDUCT.md@ba1a9d0ab9e83c4f4809c49a5796ef15c696213a",
        "no address; the only link is the Covenant's own page"),
    Doc("k-mailto", "code-of-conduct", "CODE_OF_CONDUCT.md", """\
# Code of Conduct

## Compliance

Unacceptable behaviour can be reported to the team at [tidy@proton.me](mailto:tidy@proton.me).
""", "pass", "lambda-orm/lambdaorm CODE_OF_CONDUCT.md@2f28c8f6a199e0c0563186438e84546f035b2398",
        "real address in a mailto link"),
    Doc("k-your-email", "code-of-conduct", "CODE_OF_CONDUCT.md", """\
# Code of Conduct

## Reporting and Enforcement

Unacceptable behaviour may be reported by contacting the project team at **[your-email@example.com]**.
""", "short", "PranjalKumar09/Docker-Linux CODE_OF_CONDUCT.md@e01ba99fb4a9c40cbef805e119013a56f42749f0",
        "your-email@example.com left in"),
    Doc("k-insert-contact", "code-of-conduct", "CODE_OF_CONDUCT.md", """\
# Contributor Covenant Code of Conduct

## Reporting Guidelines

Please report it by contacting the project maintainers at [INSERT CONTACT METHOD].
""", "short", "hisr2024/MindVibe CODE_OF_CONDUCT.md@965efed91610c092673d3850fc7db7164402c293",
        "the Covenant's [INSERT CONTACT METHOD] slot"),
    Doc("k-jinja-default", "code-of-conduct", ".github/CODE_OF_CONDUCT.md", """\
# Contributor Covenant Code of Conduct

## Enforcement
Abusive behaviour may be reported to the community leaders at {{ conduct_contact | default('conduct@example.com') }}.
""", "short",
        "AmanKumar720/omni-dev-agent .github/CODE_OF_CONDUCT.md@f497a650cda415e87db60d65ade110370e9fc33a",
        "unrendered Jinja expression with an example.com default"),
    Doc("k-invalid-local", "code-of-conduct", "CODE_OF_CONDUCT.md", """\
# Contributor Covenant Code of Conduct

## Enforcement

Abusive behaviour may be reported to the maintainers at security@invalid.local.
""", "short", "karolswdev/traceforge CODE_OF_CONDUCT.md@647ca80a01e7f80db40533ca2956f6a498d7e238",
        "address on a special-use domain (.local)"),
    Doc("k-two-addresses", "code-of-conduct", "CODE_OF_CONDUCT.md", """\
# Code of Conduct

## Enforcement

Report unacceptable behaviour to the community leaders:

- Primary: tidy.maintainer@gmail.com
- Backup: tidy.second@gmail.com

We acknowledge every report within three days.
""", "pass", "usurobor/CT CODE_OF_CONDUCT.md@6489b096e4aed1b43ea7a02fb82bd37f34b57741",
        "two real addresses in a list under the heading"),
    Doc("k-cookiecutter-email", "code-of-conduct", "CODE_OF_CONDUCT.md", """\
# Code of Conduct

## Reporting

If you experience or witness unacceptable behaviour, report it by contacting:

- **Primary Contact**: {{cookiecutter.author_email}}
""", "short",
        "williaby/cookiecutter-python-template {{cookiecutter.project_slug}}/CODE_OF_CONDUCT.md"
        "@3a648171ae2cddbbc41513594b5df0c853982db1",
        "unrendered cookiecutter contact"),
    Doc("k-cookiecutter-if", "code-of-conduct", "CODE_OF_CONDUCT.md", """\
{% if cookiecutter.code_of_conduct == "contributor_covenant" %}# Contributor Covenant Code of Conduct

## Enforcement

Report abusive behaviour by contacting the project team at {{ cookiecutter.email }}.
{% endif %}
""", "short",
        "NathanUrwin/cookiecutter-git {{cookiecutter.repo_slug}}/CODE_OF_CONDUCT.md"
        "@bd468852309f68c1f37dcb6f4fec4acdaffe0061",
        "unrendered {% if %} around the whole document"),
    Doc("k-contact-example", "code-of-conduct", "CODE_OF_CONDUCT.md", """\
# Code of Conduct

## Enforcement

Instances of abusive behaviour may be reported by contacting the project team at contact@example.com.
""", "short", "issue 27 (reported from a public repository; repository not named)",
        "contact@example.com"),
    Doc("k-set-your", "code-of-conduct", "CODE_OF_CONDUCT.md", """\
This project adopts the Contributor Covenant v2.1.

Contact for enforcement: <set-your-contact@email>
""", "short", "issue 27 (search hit in the code corpus; repository not named)",
        "set-your-… address slot"),
)

README_ROWS: tuple[Doc, ...] = (
    Doc("r-long-no-link", "readme", "README.md", """\
# Tidy

Tidy is a Python library for rich, readable tables and progress bars in the terminal.
""" + "\n".join(f"""
## Feature {i}

Tidy renders feature {i} with colour and sensible defaults, in any terminal that supports it.

```python
from tidy import show
show.feature_{i}("hello")
```
""" for i in range(12)) + """
## Install

```
pip install tidy
```
""", "pass", "Textualize/rich README.md@709613e4f23f4853f7ddc7a9fb0401f03ec24503",
        "long README with install and many examples, no link to CONTRIBUTING"),
    Doc("r-lowercase-concise", "readme", "readme.md", """\
# tidy-slug

> Turn a string into a slug

Useful for URLs, file names and IDs.

## Install

```
$ npm install tidy-slug
```

## Usage

```js
import slug from 'tidy-slug';

slug('I love dogs');
//=> 'i-love-dogs'
```

## License

MIT
""", "pass", "sindresorhus/slugify readme.md@05f4f6ed4cf0a4f1255003b83abd6433a3c9f0a7",
        "lower-case readme.md, concise and complete"),
    Doc("r-contrib-reference-link", "readme", "README.md", """\
# Tidy

Tidy is a small web framework for Python. It starts simple and grows with the application.

## A Simple Example

```python
from tidy import Tidy
app = Tidy(__name__)
```

## Contributing

See our [detailed contributing documentation][contrib] for ways to help.

[contrib]: https://tidy-docs.org/contributing/
""", "pass", "pallets/flask README.md@05c51b680437b7d919927f949728fedaba6d3803",
        "short README linking contributing docs by a reference-style link"),
    Doc("r-best-readme-template", "readme", "README.md", """\
# Best README Template

**An awesome README template to jumpstart your projects!**

[![Contributors](https://img.shields.io/github/contributors/yourusername/project-name.svg)](https://github.com/yourusername/project-name/graphs/contributors)

<details>
  <summary>Table of Contents</summary>
  <ol>
    <li><a href="#about-the-project">About The Project</a></li>
    <li><a href="#getting-started">Getting Started</a></li>
    <li><a href="#contributing">Contributing</a></li>
  </ol>
</details>

## About The Project

There are many great README templates available; this one is meant to be the last you need.

## Getting Started

### Installation

```sh
npm install npm@latest -g
```

## Contributing

1. Fork the Project
2. Create your Feature Branch (`git checkout -b feature/AmazingFeature`)
3. Open a Pull Request
""" + "\n<!-- MARKDOWN LINKS & IMAGES -->\n" * 20, "short",
        "Praba-11/Stash-It README.md@ec43782f1d243026861fa71717120e6e84105046",
        "Best-README-Template left unfilled"),
    Doc("r-brief-description-template", "readme", "README.md", """\
Project Title

This is where you would put a brief description of your project, such as what it does and why it's useful.

Getting Started

These are instructions for getting your project up and running on a local machine.

Installation
Step-by-step instructions on how to install and configure your project.

Contributing

If you want other developers to contribute to your project, include guidelines for how they can do so.
""", "short", "se-edu/samplerepo-pr-practice README.md@ccd51e20129778324674e5659b79dc55aeeb1283",
        "generic README template, headings with instructions to the author"),
    Doc("r-lowercase-template", "readme", "readme.md", """\
Project Title
A brief description of what the project does.

Installation
Step by step series of examples that tell you how to get a development environment running.

Usage
Examples of how to use the program in action.
""", "short", "5OO/IN_house-nav-system readme.md@e5778b340664b5230d9d7ab94c4e4c68bea244ef",
        "template text in a lower-case readme.md"),
    Doc("r-replace-markers", "readme", "README.md", """\
# Project

**REPLACE:** One sentence description of the project.

## Installation

**REPLACE:** How does one install the software?

## Contributing

1. Fork the repo
2. Create a pull request
""", "short", "TravisWheelerLab/DIPLOMAT README.md@a2cbd845400e02058abf470e1088bbcc8cd6fc7b",
        "lab template with REPLACE: markers"),
    Doc("r-ejs-unrendered", "readme", "README.md", """\
# <%= name %>

> <%= description %>

## Installation

```sh
$ npm install --save <%= name %>
```

## Usage

```js
import <%= name %> from '<%= name %>';
```
""", "short",
        "NShahri/generator-rollup-init generators/readme/templates/README.md"
        "@efe01eae8f22eda84e31b086f0c4e2515b216a53",
        "unrendered EJS generator template"),
    Doc("r-mustache-unrendered", "readme", "README.md", """\
# {{pkgName}}

> {{pkgDesc}}

## Install

```bash
$ npm install {{pkgName}}
```

## Usage

```js
import {{camelLibName}} from '{{libName}}'
```
""", "short",
        "Open-Tech-Foundation/create-es-lib lib/templates/module/README.md"
        "@375013df65efd381a419462239bcf78ee557dc31",
        "unrendered {{ }} generator template"),
    Doc("r-write-a-brief", "readme", "README.md", """\
# Project Name

Write a brief description of the project, explaining what it does in a couple of sentences.

## Installation

Describe the installation process, using `inline code blocks` to indicate terminal commands.

## Usage

Write usage instructions, including configuration details, settings or arguments available.
""", "short", "RockefellerArchiveCenter/templates README.md@4fb70a276a74767f86bddc2c97215439a42752d2",
        "organisation's README template committed unfilled"),
    Doc("r-skeleton-slots", "readme", "README.md", """\
# {{+Project Title+}}

{{+One Paragraph of project description goes here+}}

## Installing

{{+A step by step series of examples that tell you how to get a development env running+}}

## Usage

```
{{+usage example+}}
```
""", "short", "Gavinok/dotvim skeleton/README.md@892a1f8027d5e5740490bb68116aab41210c337b",
        "editor skeleton slots {{+…+}}"),
    Doc("r-gitlab-default", "readme", "README.md", """\
# tidy

## Getting started

To make it easy for you to get started with GitLab, here's a list of recommended next steps.

## Add your files

```
cd existing_repo
git remote add origin https://gitlab.com/tidy/tidy.git
git push -uf origin main
```

# Editing this README

When you're ready to make this README your own, just edit this file and use the handy template
below (or structure it however you want). Thanks to makeareadme.com for this template.

## Suggestions for a good README

Every project is different, so consider which of these sections apply to yours. A README can be too
long, but too long is better than too short.

## Name
Choose a self-explaining name for your project.

## Description
Let people know what your project can do specifically.

## Badges
Small images on some READMEs show metadata, such as whether the tests pass.

## Visuals
Screenshots or a short video can help, depending on what you are making.

## Installation
List the steps to install, in case whoever reads the README is a novice.

## Usage
Show the smallest example of use you can, and the output to expect.

## Support
Tell people where they can go for help: an issue tracker, a chat room, an e-mail address.

## Roadmap
If you have ideas for future releases, list them here.

## Contributing
State if you are open to contributions and what your requirements are for accepting them.

## Authors and acknowledgment
Thank those who have contributed to the project.

## License
For open source projects, say how it is licensed.

## Project status
If development has slowed down or stopped, say so at the top of the README.
""", "short", "find_string: 10 repositories in the code corpus (repository names not returned)",
        "GitLab's default README"),
    Doc("r-stub", "readme", "README.md", "# tidy\n\nWork in progress.\n", "short",
        "tests/audit/worlds.py add_neglected (our own stub; common in the corpus)",
        "a stub"),
)

HELD_OUT_ROWS: tuple[Doc, ...] = (
    Doc("h-c-development-doc", "contributing", "CONTRIBUTING.md", """\
# Contributing

Thanks for taking the time to contribute! Check the open issues before you start.

## Code of Conduct

Everyone taking part is governed by the [Code of Conduct](CODE_OF_CONDUCT.md).

## Development

See our [Development](DEVELOPMENT.md) doc for how to set up and run the project locally.
""", "short", "RyftPay/ryft-python CONTRIBUTING.md@ea045c844c38c379eeaf1d7d7ec7b6752bac6f67",
        "setup in another document, nothing on tests or pull requests", held_out=True),
    Doc("h-c-yarn", "contributing", "CONTRIBUTING.md", """\
# Contributing

## Project Setup

1. Fork and clone the repository
2. Run `yarn install`
3. Create a branch for your pull request

## Before you push

Run the tests with `yarn test` before you commit.
""", "pass", "CarsonMcKinstry/iron-oxide CONTRIBUTING.md@59dfcc154cfab26eb8c52fde8817da5d65a1ee30",
        "short guide with yarn commands", held_out=True),
    Doc("h-c-make-docs", "contributing", "docs/CONTRIBUTING.md", """\
# CONTRIBUTING

## Development
- `make setup`
- `make check`

## Pull Requests
- Keep changes focused and add tests for new behaviour.
""", "pass", "sarveshkapre/github-project-pilot docs/CONTRIBUTING.md"
        "@a758132f5a8cffdb642248f1d5745694599a7a10",
        "make targets only, in docs/", held_out=True),
    Doc("h-c-make-only", "contributing", "CONTRIBUTING.md", """\
# Contributing

1. Fork the repository
2. Create a feature branch
3. Make your change, with tests
4. Run `make check`
5. Open a pull request

## Development

- `make help` lists the commands
- `make test` runs every test
""", "pass", "zoobzio/vecna CONTRIBUTING.md@f25184d0d353e3157343a15abd246c5fbcfda6da",
        "fork, then make does everything; no install step", held_out=True),
    Doc("h-k-form", "code-of-conduct", "CODE_OF_CONDUCT.md", """\
# Code of Conduct: reporting

## Report an incident

File a report with this [Google Form](https://forms.gle/Xy12abCD34efGH). It goes to the code of
conduct committee, who will contact you promptly.
""", "pass", "nebari-dev/governance code-of-conduct/coc_reporting.md"
        "@79219bdcdb535f2ea3f7bf1527a48f4e298b1e34",
        "a report form, no address", held_out=True),
    Doc("h-k-site-tags", "code-of-conduct", "CODE_OF_CONDUCT.md", """\
# Incident reporting

If you believe someone broke the {{'[Code of Conduct]({})'.format(code_of_conduct)}}, please report
it with the [incident report form][form].

## Other contact points

An e-mail to [coc@tidy-project.org](mailto:coc@tidy-project.org) reaches the whole committee.

[form]: https://tidy-project.org/coc-report
""", "pass", "carpentries/docs.carpentries.org source/policies/coc/incident-reporting.md"
        "@43f2c1cb733cd4baa5bccd97447f4bcb11c0a0e1",
        "site-generator tag in a real, reachable reporting guide", held_out=True),
    Doc("h-r-html-header", "readme", "README.md", """\
<p align="center">
  <img src="https://tidy-docs.org/logo.png" alt="Tidy">
</p>
<p align="center">
    <em>Tidy framework, fast to learn, ready for production</em>
</p>

---

Tidy is a modern web framework for building APIs with Python, based on standard type hints.

## Installation

```console
$ pip install tidy
```

## Example

```python
from tidy import Tidy
app = Tidy()
```
""", "pass", "tiangolo/fastapi README.md@2ba6b2010c01a6af2988e5e6406fc9ab381a4d57",
        "HTML header, description, install and example", held_out=True),
    Doc("h-r-brace-slots", "readme", "README.md", """\
# {Name}

[![license][license-image]][license-url]

{short description}

## Motivation/goals

{Why does it exist? What problem does it solve? For whom is it built?}

## How to run it?

{installation instructions}

## Development setup

{env, installing and configuring dependencies, testing, deployment}
""", "short", "oleksmarkh/settings repos/README_TEMPLATE.md@ef9006e26e39b95e9fb2786297c7126a302028cd",
        "single-brace {slots} left unfilled", held_out=True),
    Doc("h-r-commands-only", "readme", "README.md", """\
[![deps][deps]][deps-url]
[![tests][tests]][tests-url]

<div align="center">
  <h1>Website</h1>
</div>

<h2 align="center">Install</h2>

```bash
npm i
```

<h2 align="center">Develop</h2>

```bash
npm start
```
""", "short", "michael-ciniawsky/website README.md@1d101aeb7bd79c52ea4e97d83a660a0f046b38c8",
        "commands but not a word on what it is", held_out=True),
)

ROWS: tuple[Doc, ...] = CONTRIBUTING_ROWS + AGENT_ROWS + CONDUCT_ROWS + README_ROWS + HELD_OUT_ROWS

#: The healthy repository's own document of each kind, removed when a row brings its own.
REPLACES: dict[str, str] = {
    "readme": "README.md",
    "contributing": "CONTRIBUTING.md",
    "code-of-conduct": "CODE_OF_CONDUCT.md",
}


def agrees(doc: Doc, outcome: str, reason: str) -> bool:
    """Whether the audit's outcome matches the newcomer's reading written in the row's label."""
    if doc.want == "pass":
        return outcome == "pass"
    if doc.want == "partial":
        return outcome == "warn" and any(name in reason for name in doc.extra)
    return outcome in ("warn", "fail") and "No " not in reason.split(".")[0]
