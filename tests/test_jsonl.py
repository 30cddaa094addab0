from actorstance.jsonl import dumps, read_jsonl_lines, write_jsonl


def test_dumps_sorts_keys_and_keeps_unicode():
    assert dumps({"b": 1, "a": "“x”"}) == '{"a":"“x”","b":1}'


def test_write_and_read_back_with_line_numbers(tmp_path):
    path = tmp_path / "x.jsonl"
    assert write_jsonl(path, [{"id": "a"}, {"id": "b"}]) == 2
    assert path.read_text(encoding="utf-8") == '{"id":"a"}\n{"id":"b"}\n'
    path.write_text('{"id":"a"}\n\n{"id":"b"}\n', encoding="utf-8")
    assert list(read_jsonl_lines(path)) == [(1, '{"id":"a"}\n'), (3, '{"id":"b"}\n')]
