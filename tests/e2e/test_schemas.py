# SPDX-License-Identifier: Apache-2.0
"""The JSON Schema of alliance.yaml and nacsa's own loader agree: the examples pass both, and
every invalid configuration in tests/bad/config/ is rejected by nacsa (exit 78, FILE:LINE:COL)
and by the schema wherever a schema can express the rule."""
import json

import jsonschema
import pytest
import yaml

from conftest import EXAMPLES, SOURCE_DIR

SCHEMA = json.loads((SOURCE_DIR / "schemas" / "alliance.schema.json").read_text(encoding="utf-8"))
BAD = SOURCE_DIR / "tests" / "bad" / "config"


class StringDateLoader(yaml.SafeLoader):
    """SafeLoader that keeps ISO dates as strings, as nacsa reads them (not datetime.date)."""


StringDateLoader.yaml_implicit_resolvers = {
    ch: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for ch, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def schema_errors(path):
    """The schema's complaints about a file ("YAML: ..." when it does not even load)."""
    try:
        document = yaml.load(path.read_text(encoding="utf-8"), Loader=StringDateLoader)
    except yaml.YAMLError as e:
        return [f"YAML: {e}"]
    validator = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(document)]


def test_the_schema_is_a_valid_2020_12_schema():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"


@pytest.mark.parametrize("name", ["alliance.yaml", "alliance-minimal.yaml"])
def test_examples_are_valid_for_the_schema_and_for_nacsa(nacsa, name):
    path = EXAMPLES / name
    assert schema_errors(path) == []
    assert path.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../schemas/alliance.schema.json\n")
    nacsa.ok("config", "check", path)


def test_working_groups_are_optional_in_both(nacsa):
    text = (EXAMPLES / "alliance-minimal.yaml").read_text(encoding="utf-8").replace("working_groups: []\n", "")
    path = nacsa.write("no-wg.yaml", text)
    assert schema_errors(path) == []
    nacsa.ok("config", "check", path)


# file -> (line, the start of nacsa's message after "FILE:LINE:COL: ", whether the schema rejects it too)
CASES = {
    "unknown_key.yaml": (5, 'field "shortname": unknown key', True),
    "wrong_type.yaml": (33, 'field "steering_committee.term_months": expected a whole number', True),
    "quoted_number.yaml": (33, 'field "steering_committee.term_months": expected a whole number', True),
    "bad_country.yaml": (5, 'field "country": "XF" is not an ISO 3166-1 alpha-2 country code', True),
    "bad_language.yaml": (6, 'field "language": "de" is not supported', True),
    "unknown_time_zone.yaml": (7, 'field "time_zone": "Europe/Atlantis" is not an IANA time zone', False),
    "duplicate_key.yaml": (6, 'field "country": duplicate key', False),
    "missing_labels.yaml": (17, 'field "thematic_areas[3].labels": required key is missing', True),
    "quorum_above_one.yaml": (35, 'field "steering_committee.quorum": 1.5 is out of range', True),
    "seats_min_above_max.yaml": (32, 'field "steering_committee.seats": min (7) is greater than max (5)', False),
    "no_leading_role.yaml": (29, 'field "roles": 0 roles are marked leading: true', True),
    "leading_role_many_holders.yaml": (29, 'field "roles[0].max_holders": the leading role must have max_holders: 1',
                                       True),
    "bad_date.yaml": (8, 'field "founded": "2025-02-30" is not a date', True),
    "gender_share_too_high.yaml": (34, 'field "steering_committee.gender_balance.min_share": cannot be more than 0.5',
                                   True),
    "unknown_theme_in_working_group.yaml": (51, 'field "working_groups[0].thematic_areas[0]": "trafficking" is not a '
                                                'thematic area of this alliance', False),
    "broken_yaml.yaml": (10, "not valid YAML: ", True),
    "empty.yaml": (1, "the file is empty (expected the alliance configuration)", True),
}


def test_the_cases_are_in_the_bad_input_folder():
    # tests/bad/config/ also holds the bad-input harness's files (test_bad_inputs.py runs them
    # all, each with its .expect); these are the ones compared with the schema.
    assert set(CASES) <= {p.name for p in BAD.glob("*.yaml")}
    assert len(CASES) >= 12


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_configs_are_rejected_by_nacsa(nacsa, name):
    line, message, _ = CASES[name]
    path = BAD / name
    result = nacsa.run("config", "check", path)
    assert result.code == 78, str(result)
    assert result.out == ""
    first = result.err.splitlines()[0]
    prefix = f"nacsa: error: {path}:{line}:"
    assert first.startswith(prefix), first
    column, rest = first[len(prefix):].split(": ", 1)
    assert column.isdigit() and int(column) >= 1
    assert rest.startswith(message), rest
    assert len(result.err.splitlines()) == 1  # one mistake, one message
    # init with it creates nothing.
    assert nacsa.run("init", "--config", path).code == 78
    assert not nacsa.db.exists()


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_configs_are_rejected_by_the_schema_where_it_can_tell(name):
    _, _, schema_can_tell = CASES[name]
    errors = schema_errors(BAD / name)
    if schema_can_tell:
        assert errors, f"the schema accepts {name}"
    else:
        # Rules only nacsa checks (documented in the schema's description): if the schema ever
        # learns one, move the case to True.
        assert errors == [], errors
