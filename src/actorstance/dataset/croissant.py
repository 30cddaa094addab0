"""``croissant.json``: Croissant 1.0 metadata rendered from the same facts as the card.

One ``cr:FileObject`` per parquet file (with its sha256), one ``cr:FileSet`` per config, and per
config a record set of rows whose ``label`` references an enumeration of the ClassLabel names
(index → name) and whose ``split`` is read from the file path. The JSON-LD ``@context`` is
inline, so validating the file needs no network.
"""

from __future__ import annotations

from pathlib import Path

from actorstance.checksum import sha256_file
from actorstance.columns import MODEL_INPUT_COLUMNS
from actorstance.dataset.card import SUMMARY, TAGS
from actorstance.dataset.facts import ConfigFacts, DatasetFacts
from actorstance.jsonl import dumps_pretty

CONFORMS_TO = "http://mlcommons.org/croissant/1.0"
PARQUET_MIME = "application/x-parquet"

#: The Croissant 1.0 JSON-LD context (from the specification), inline so nothing is fetched.
CONTEXT: dict = {
    "@language": "en",
    "@vocab": "https://schema.org/",
    "citeAs": "cr:citeAs",
    "column": "cr:column",
    "conformsTo": "dct:conformsTo",
    "cr": "http://mlcommons.org/croissant/",
    "rai": "http://mlcommons.org/croissant/RAI/",
    "data": {"@id": "cr:data", "@type": "@json"},
    "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "dct": "http://purl.org/dc/terms/",
    "equivalentProperty": "cr:equivalentProperty",
    "examples": {"@id": "cr:examples", "@type": "@json"},
    "extract": "cr:extract",
    "field": "cr:field",
    "fileProperty": "cr:fileProperty",
    "fileObject": "cr:fileObject",
    "fileSet": "cr:fileSet",
    "format": "cr:format",
    "includes": "cr:includes",
    "isLiveDataset": "cr:isLiveDataset",
    "jsonPath": "cr:jsonPath",
    "key": "cr:key",
    "md5": "cr:md5",
    "parentField": "cr:parentField",
    "path": "cr:path",
    "recordSet": "cr:recordSet",
    "references": "cr:references",
    "regex": "cr:regex",
    "repeated": "cr:repeated",
    "replace": "cr:replace",
    "samplingRate": "cr:samplingRate",
    "sc": "https://schema.org/",
    "separator": "cr:separator",
    "source": "cr:source",
    "subField": "cr:subField",
    "transform": "cr:transform",
}

#: Croissant data types of the scalar ``datasets`` dtypes used by the features.
_DATA_TYPES = {"string": "sc:Text", "int32": "sc:Integer", "int64": "sc:Integer", "bool": "sc:Boolean"}


def render_croissant(facts: DatasetFacts, folder: Path) -> str:
    """The croissant.json text for the dataset whose parquet files are already in ``folder``."""
    return dumps_pretty(croissant_metadata(facts, folder))


def croissant_metadata(facts: DatasetFacts, folder: Path) -> dict:
    distribution: list[dict] = []
    record_sets: list[dict] = []
    for config in facts.configs:
        for split in config.splits:
            for rel in split.files:
                distribution.append({
                    "@type": "cr:FileObject", "@id": rel, "name": rel, "contentUrl": rel,
                    "contentSize": f"{(folder / rel).stat().st_size} B", "encodingFormat": PARQUET_MIME,
                    "sha256": sha256_file(folder / rel),
                    "description": f"Config '{config.name}', split '{split.name}'.",
                })
        distribution.append({
            "@type": "cr:FileSet", "@id": f"{config.name}-parquet", "name": f"{config.name}-parquet",
            "description": f"Parquet files of config '{config.name}'.",
            "encodingFormat": PARQUET_MIME, "includes": f"{config.name}/*.parquet",
        })
        record_sets += _config_record_sets(config)
    corpus = facts.corpus
    description = (f"{SUMMARY} Model inputs: {', '.join(MODEL_INPUT_COLUMNS)}. The 'evidence' column is "
                   f"analysis-only. Annotations {corpus.license_name}; the quoted article text belongs to its "
                   "publisher.")
    creators = [{"@type": "sc:Person" if c.kind == "person" else "sc:Organization", "name": c.name}
                for c in corpus.creators]
    # the corpus's own BibTeX when it has one; else the words the actorstance dataset has always used
    cite = corpus.citation.strip() if corpus.citation is not None else (
        f"{', '.join(c.name for c in corpus.creators)}. {corpus.pretty_name}. Dataset version {facts.version}.")
    return {
        "@context": CONTEXT,
        "@type": "sc:Dataset",
        "name": corpus.name,
        "alternateName": corpus.pretty_name,
        "description": description,
        "conformsTo": CONFORMS_TO,
        "version": facts.version,
        "datePublished": corpus.changelog[0].date,
        "license": corpus.license_url,
        **({"url": corpus.homepage} if corpus.homepage else {}),
        "creator": creators[0] if len(creators) == 1 else creators,
        "citeAs": cite,
        "keywords": list(TAGS),
        "inLanguage": list(facts.languages),
        "distribution": distribution,
        "recordSet": record_sets,
    }


def _config_record_sets(config: ConfigFacts) -> list[dict]:
    from datasets import ClassLabel, List, Value

    from actorstance.dataset.features import column_descriptions, features_for

    name = config.name
    labels_id, splits_id = f"{name}_labels", f"{name}_splits"
    labels = {
        "@type": "cr:RecordSet", "@id": labels_id, "name": labels_id, "dataType": "sc:Enumeration",
        "description": f"ClassLabel names of config '{name}': the 'label' column stores the index.",
        "key": {"@id": f"{labels_id}/index"},
        "field": [
            {"@type": "cr:Field", "@id": f"{labels_id}/index", "name": "index", "dataType": "sc:Integer"},
            {"@type": "cr:Field", "@id": f"{labels_id}/name", "name": "name", "dataType": "sc:Text"},
        ],
        "data": [{f"{labels_id}/index": i, f"{labels_id}/name": n} for i, n in enumerate(config.label_names)],
    }
    splits = {
        "@type": "cr:RecordSet", "@id": splits_id, "name": splits_id, "dataType": "cr:Split",
        "description": f"Splits of config '{name}' (made by document).",
        "key": {"@id": f"{splits_id}/name"},
        "field": [{"@type": "cr:Field", "@id": f"{splits_id}/name", "name": "name", "dataType": "sc:Text"}],
        "data": [{f"{splits_id}/name": s.name} for s in config.splits],
    }
    file_set = {"fileSet": {"@id": f"{name}-parquet"}}
    split_names = "|".join(s.name for s in config.splits)
    split_of_path = f"^(?:.*/)?{name}/({split_names})-\\d+-of-\\d+\\.parquet$"
    fields = [{
        "@type": "cr:Field", "@id": f"{name}/split", "name": "split", "dataType": "sc:Text",
        "description": "Split of the row, from its file name.",
        "source": {**file_set, "extract": {"fileProperty": "fullpath"},
                   # the second alternative keeps an already-extracted split name as it is
                   "transform": {"regex": f"{split_of_path}|^({split_names})$"}},
        "references": {"field": {"@id": f"{splits_id}/name"}},
    }]
    for column, feature in features_for(name).items():
        field = {"@type": "cr:Field", "@id": f"{name}/{column}", "name": column,
                 "description": column_descriptions(name)[column]}
        if isinstance(feature, ClassLabel):
            field["dataType"] = "sc:Integer"
            field["references"] = {"field": {"@id": f"{labels_id}/index"}}
        elif isinstance(feature, List) and isinstance(feature.feature, dict):
            field["repeated"] = True
            field["subField"] = [{
                "@type": "cr:Field", "@id": f"{name}/{column}/{sub}", "name": sub,
                "dataType": _DATA_TYPES[value.dtype],
                "source": {**file_set, "extract": {"column": column}, "transform": {"jsonPath": sub}},
            } for sub, value in feature.feature.items()]
        elif isinstance(feature, List):
            field["repeated"] = True
            field["dataType"] = _DATA_TYPES[feature.feature.dtype]
        else:
            assert isinstance(feature, Value)
            field["dataType"] = _DATA_TYPES[feature.dtype]
        field["source"] = {**file_set, "extract": {"column": column}}
        fields.append(field)
    rows = {"@type": "cr:RecordSet", "@id": name, "name": name,
            "description": f"Rows of config '{name}' ({', '.join(config.label_names)}).", "field": fields}
    has_class_label = any(isinstance(f, ClassLabel) for f in features_for(name).values())
    return [labels, splits, rows] if has_class_label else [splits, rows]
