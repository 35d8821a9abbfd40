# SPDX-License-Identifier: Apache-2.0
"""The member records of examples/ and of `member export` validate against schemas/member.schema.json."""
import json

import jsonschema
import yaml
from conftest import EXAMPLES, SOURCE_DIR

SCHEMA = json.loads((SOURCE_DIR / "schemas" / "member.schema.json").read_text(encoding="utf-8"))


class StringDateLoader(yaml.SafeLoader):
    """Reads ISO dates as text, as nacsa does."""


StringDateLoader.yaml_implicit_resolvers = {
    ch: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for ch, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def validator():
    cls = jsonschema.validators.validator_for(SCHEMA)
    cls.check_schema(SCHEMA)
    return cls(SCHEMA, format_checker=cls.FORMAT_CHECKER)


def test_example_members_validate_against_the_schema():
    records = yaml.load((EXAMPLES / "members.yaml").read_text(encoding="utf-8"), Loader=StringDateLoader)
    assert len(records) == 48
    v = validator()
    problems = [f"{r.get('name')}: {e.message}" for r in records for e in v.iter_errors(r)]
    assert problems == []


def test_exported_records_validate_against_the_schema(alliance):
    alliance.ok("member", "import", EXAMPLES / "members.yaml")
    v = validator()
    for line in alliance.ok("member", "export", "--format", "jsonl").out.splitlines():
        record = json.loads(line)
        assert list(v.iter_errors(record)) == [], record["id"]
    exported = yaml.load(alliance.ok("member", "export", "--format", "yaml").out, Loader=StringDateLoader)
    assert len(exported) == 48
    for record in exported:
        assert list(v.iter_errors(record)) == [], record["id"]


def test_schema_rejects_what_import_rejects():
    v = validator()
    assert list(v.iter_errors({"name": "X", "type": "ngo", "colour": "blue"}))
    assert list(v.iter_errors({"name": "X"}))
    assert list(v.iter_errors({"name": "X", "type": "ngo", "contacts": [{"gender": "female"}]}))
