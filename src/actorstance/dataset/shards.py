"""Rows streamed into Hub-named parquet shards: a few hundred MB each, one schema, fixed settings.

:class:`ShardedWriter` takes the rows of one config's split a few at a time, turns each row
group of them into columns (``to_columns``: rows → ``{column: values}``), writes them in row groups of ``PARQUET_OPTIONS["row_group_size"]`` rows and starts a new shard
once the current one holds :data:`SHARD_BYTES` of Arrow data. When it is closed the shards get
their final names, ``CONFIG/SPLIT-00000-of-000NN.parquet`` (:func:`~actorstance.dataset.layout.data_file`),
which ``datasets.load_dataset(folder, CONFIG, streaming=True)``, DuckDB, polars and Spark read
without loading the whole split. Memory is one row group, whatever the number of rows.

>>> writer = ShardedWriter(folder, "pairs", "test", features, to_columns=pair_columns)  # doctest: +SKIP
>>> writer.write(pairs); writer.close().files                                            # doctest: +SKIP
('pairs/test-00000-of-00001.parquet',)
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path
from typing import Any, Callable

from actorstance.dataset.layout import data_file

#: Parquet writer settings, fixed so that a rebuild gives the same bytes (with the same pyarrow);
#: ``row_group_size`` is the number of rows per row group (the unit a streaming reader fetches).
PARQUET_OPTIONS: dict = {
    "compression": "snappy",
    "use_dictionary": True,
    "write_statistics": True,
    "version": "2.6",
    "data_page_version": "1.0",
    "write_page_index": False,
    "write_page_checksum": False,
    "store_schema": True,
    "use_compliant_nested_type": True,
    "row_group_size": 1000,
}
#: A shard is closed once it holds this much Arrow (in-memory) data; on disk it is smaller.
SHARD_BYTES = 256 * 1024 * 1024

_WRITER_OPTIONS = {k: v for k, v in PARQUET_OPTIONS.items() if k != "row_group_size"}


@dataclass(frozen=True)
class WrittenSplit:
    """What a :class:`ShardedWriter` wrote: the shards (relative paths), rows and Arrow bytes."""

    files: tuple[str, ...]
    num_rows: int
    num_bytes: int


class ShardedWriter:
    """Write one config's split as parquet shards under ``folder``, typed by ``features``.

    ``write(rows)`` takes rows of any kind; ``to_columns(rows)`` turns a list of them into
    ``{column: values}``: a list encoded as Arrow takes it (a ClassLabel as its integer), or an
    Arrow array of the schema's type. Rows keep the order in which they come.
    """

    def __init__(self, folder: str | Path, config: str, split: str, features: Any, *,
                 to_columns: Callable[[list], dict[str, Any]], shard_bytes: int = SHARD_BYTES):
        self.folder, self.config, self.split = Path(folder), config, split
        self.schema = features.arrow_schema
        self.shard_bytes, self.row_group_size = shard_bytes, PARQUET_OPTIONS["row_group_size"]
        self.to_columns = to_columns
        self._buffer: list = []
        self._writer = None
        self._shards: list[Path] = []
        self._shard_bytes = 0
        self.num_rows = self.num_bytes = 0

    def write(self, rows: list) -> None:
        self._buffer.extend(rows)
        while len(self._buffer) >= self.row_group_size:
            self._flush(self.row_group_size)

    def close(self) -> WrittenSplit:
        """Write what is buffered, close the last shard and give every shard its final name."""
        if self._buffer:
            self._flush(len(self._buffer))
        if self._writer is not None:
            self._writer.close()
            self._writer = None
        files = []
        for i, temporary in enumerate(self._shards):
            rel = data_file(self.config, self.split, i, len(self._shards))
            temporary.replace(self.folder / rel)
            files.append(rel)
        return WrittenSplit(tuple(files), self.num_rows, self.num_bytes)

    def _flush(self, n: int) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        columns = self.to_columns(self._buffer[:n])
        del self._buffer[:n]
        table = pa.Table.from_arrays([_arrow(columns[f.name], f.type) for f in self.schema], schema=self.schema)
        if self._writer is None or self._shard_bytes >= self.shard_bytes:
            if self._writer is not None:
                self._writer.close()
            path = self.folder / self.config / f".{self.split}-{len(self._shards):05d}.parquet.tmp"
            path.parent.mkdir(parents=True, exist_ok=True)
            self._writer = pq.ParquetWriter(path, self.schema, **_WRITER_OPTIONS)
            self._shards.append(path)
            self._shard_bytes = 0
        self._writer.write_table(table, row_group_size=self.row_group_size)
        self._shard_bytes += table.nbytes
        self.num_rows += n
        self.num_bytes += table.nbytes


def _arrow(values, type):
    """A column as Arrow: ``values`` as they are when ``to_columns`` built the array already."""
    import pyarrow as pa

    if isinstance(values, pa.Array):
        if values.type != type:
            raise TypeError(f"column of type {values.type}, the schema says {type}")
        return values
    if type == pa.string():
        return string_array(values)
    return pa.array(values, type=type)


def string_array(values: list):
    """A list of strings as an Arrow string array, built from one UTF-8 buffer and its offsets:
    ``pa.array`` converts string by string, at about 10 ns a character for a context; this is a
    join. A list with a None (an optional column) goes through ``pa.array``.

    >>> string_array(["a", "ü", ""]).to_pylist()
    ['a', 'ü', '']
    """
    import numpy as np
    import pyarrow as pa

    joined = "".join(values) if None not in values else None
    if joined is None or len(joined) * 4 >= 2 ** 31:  # a null, or offsets that might not fit in int32
        return pa.array(values, type=pa.string())
    if joined.isascii():
        data, lengths = joined.encode("ascii"), map(len, values)
    else:
        encoded = [v.encode("utf-8") for v in values]
        data, lengths = b"".join(encoded), map(len, encoded)
    offsets = np.fromiter(accumulate(lengths, initial=0), dtype=np.int32, count=len(values) + 1)
    return pa.StringArray.from_buffers(len(values), pa.py_buffer(offsets), pa.py_buffer(data))
