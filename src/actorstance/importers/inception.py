"""INCEpTION (or WebAnno) UIMA CAS XMI → one annotation folder per annotator, read with ``dkpro-cassis``.

Install the reader with ``pip install 'actorstance[inception]'``. An INCEpTION project export
(Export → format "UIMA CAS XMI (XML 1.0)", unzipped) holds one XMI per document and user::

    PROJECT/annotation/berg_holm.txt/alice.xmi      (or alice.zip holding alice.xmi + TypeSystem.xml)
    PROJECT/annotation/berg_holm.txt/TypeSystem.xml
    PROJECT/curation/berg_holm.txt/CURATION_USER.xmi

Every ``*.xmi`` under ``PATH`` (or inside a ``*.zip`` under it) is one annotator's version of one
document: the annotator is the file name without ``.xmi``, the document id the name of the folder
holding it without its extension; ``TypeSystem.xml`` lies next to the XMI (or in its zip).
``INITIAL_CAS`` (the document before anyone annotated it) is counted, not imported. Inside,
a custom span layer holds the mentions and evidence, a relation layer the stances::

    <custom:Actor xmi:id="12" sofa="1" begin="15" end="24" label="person"/>
    <custom:Actor xmi:id="14" sofa="1" begin="57" end="60" label="person" actor="Lars Holm"/>
    <custom:Stance xmi:id="20" sofa="1" begin="43" end="52" Governor="12" Dependent="13" label="positive"/>

The type and feature names are the mapping's ``inception`` entry (defaults: span layer
``webanno.custom.Actor`` with features ``label`` and ``actor``; relation layer
``webanno.custom.Stance`` with ``Governor`` (source), ``Dependent`` (target), ``label`` and the
boolean ``implied``); ``actor`` and ``implied`` are optional features. UIMA counts offsets in
UTF-16 code units; cassis converts them to code points, which is what the checks use.
"""

from __future__ import annotations

import io
import warnings
import zipfile
from pathlib import Path

from actorstance.errors import ImportFormatError, Problem
from actorstance.inputs import read_bytes
from actorstance.importers.mapping import InceptionNames, read_mapping
from actorstance.importers.report import ImportReport
from actorstance.importers.tool_document import ToolDocument, ToolRelation, ToolSpan
from actorstance.importers.tool_import import import_documents

FORMAT = "inception"
TYPESYSTEM_FILE = "TypeSystem.xml"
#: INCEpTION's pseudo-user holding a document before anyone annotated it: not an annotator's version.
INITIAL_CAS = "INITIAL_CAS"


def import_inception(path: str | Path, output: str | Path, *, mapping: str | Path | None = None) -> ImportReport:
    """Import the INCEpTION XMI export at ``path`` into ``output/<annotator>/`` folders."""
    path = Path(path)
    try:
        import cassis  # noqa: F401  (optional extra)
    except ImportError:
        raise ImportFormatError([Problem(str(path), "", "reading INCEpTION XMI needs the dkpro-cassis package",
                                         "pip install 'actorstance[inception]'")]) from None
    tool_mapping = read_mapping(mapping)
    report = ImportReport(format=FORMAT, source=str(path), output=str(output))
    problems: list[Problem] = []
    docs = []
    for where, doc_id, annotator, xmi, typesystem in xmi_files(path):
        if annotator == INITIAL_CAS:
            report.ignored["INITIAL_CAS version"] = report.ignored.get("INITIAL_CAS version", 0) + 1
            continue
        doc = read_xmi(xmi, typesystem, where=where, doc_id=doc_id, annotator=annotator,
                       names=tool_mapping.inception, problems=problems)
        if doc is not None:
            docs.append(doc)
    return import_documents(docs, fmt=FORMAT, source=path, output=output, mapping=tool_mapping,
                            problems=problems, report=report)


_FIX_PATH = "pass the unzipped INCEpTION project export (or one .xmi/.zip)"


def xmi_files(path: Path) -> list[tuple[str, str, str, bytes, bytes | None]]:
    """``(where, doc_id, annotator, xmi bytes, type system bytes or None)`` of every XMI under ``path``."""
    if not path.exists():
        raise ImportFormatError([Problem(str(path), "", "no such file or folder",
                                         "pass the unzipped INCEpTION project export (or one .xmi/.zip)")])
    files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.suffix in (".xmi", ".zip"))
    found = []
    for file in files:
        doc_id = file.parent.name.rsplit(".", 1)[0] if "." in file.parent.name else file.parent.name
        if file.suffix == ".xmi":
            ts = file.parent / TYPESYSTEM_FILE
            # actorstance.inputs: a FIFO or a folder named *.xmi is a located problem, not a hang or a traceback
            xmi = read_bytes(file, what="INCEpTION XMI file", fix=_FIX_PATH, error=ImportFormatError)
            found.append((str(file), doc_id, file.stem, xmi,
                          read_bytes(ts, what="type system", fix=_FIX_PATH, error=ImportFormatError)
                          if ts.is_file() else None))
        elif zipfile.is_zipfile(file):
            with zipfile.ZipFile(file) as archive:
                names = archive.namelist()
                ts_name = next((n for n in names if Path(n).name == TYPESYSTEM_FILE), None)
                for name in sorted(n for n in names if n.endswith(".xmi")):
                    found.append((f"{file}!{name}", doc_id, Path(name).stem, archive.read(name),
                                  archive.read(ts_name) if ts_name else None))
    if not found:
        raise ImportFormatError([Problem(str(path), "", "no .xmi files (nor zips holding them) found",
                                         "export the project from INCEpTION in the format 'UIMA CAS XMI' and unzip it")])
    return found


def read_xmi(xmi: bytes, typesystem: bytes | None, *, where: str, doc_id: str, annotator: str,
             names: InceptionNames, problems: list[Problem]) -> ToolDocument | None:
    """One annotator's document from its XMI and type system (None, with problems, when unreadable)."""
    import cassis

    if typesystem is None:
        problems.append(Problem(where, "", f"no {TYPESYSTEM_FILE} next to the XMI",
                                f"export with the type system (INCEpTION writes {TYPESYSTEM_FILE} with each XMI)"))
        return None
    try:
        with warnings.catch_warnings():
            # cassis warns about offsets outside the text and keeps them; the import reports them as problems
            warnings.simplefilter("ignore", UserWarning)
            ts = cassis.load_typesystem(io.BytesIO(typesystem))
            cas = cassis.load_cas_from_xmi(io.BytesIO(xmi), typesystem=ts)
    except Exception as err:  # cassis raises lxml, ValueError and its own errors for malformed files
        problems.append(Problem(where, "", f"not a readable UIMA CAS XMI ({type(err).__name__}: {err})",
                                "export the document again in the format 'UIMA CAS XMI'"))
        return None
    missing = [layer for layer in (names.span_layer, names.relation_layer) if not ts.contains_type(layer)]
    if missing:
        custom = sorted(t.name for t in ts.get_types() if t.name.startswith("webanno.custom."))
        problems.append(Problem(where, "", f"the type system has no layer {', '.join(missing)} (its custom layers: "
                                f"{', '.join(custom) or 'none'})", "name the span and relation layers in a --mapping "
                                'file: "inception": {"span_layer": ..., "relation_layer": ...}'))
        return None
    span_features = {f.name for f in ts.get_type(names.span_layer).all_features}
    rel_features = {f.name for f in ts.get_type(names.relation_layer).all_features}
    needed = [(names.span_layer, names.span_label, span_features)] + [
        (names.relation_layer, f, rel_features) for f in (names.relation_source, names.relation_target,
                                                         names.relation_label)]
    absent = [f"{layer}.{feature}" for layer, feature, features in needed if feature not in features]
    if absent:
        problems.append(Problem(where, "", f"the type system has no feature {', '.join(absent)}",
                                "name the layer's features in the mapping file's \"inception\" entry"))
        return None
    doc = ToolDocument(where=where, doc_id=doc_id, text=cas.sofa_string or "", annotator=annotator, tool=FORMAT,
                       metadata={"inception_file": Path(where.split("!")[0]).name})
    for fs in cas.select(names.span_layer):
        label = fs.get(names.span_label)
        actor = fs.get(names.span_actor) if names.span_actor in span_features else None
        doc.spans.append(ToolSpan(id=str(fs.xmiID), label=label if isinstance(label, str) else "",
                                  fragments=((fs.begin, fs.end),), actor=actor))
    for fs in cas.select(names.relation_layer):
        source, target = fs.get(names.relation_source), fs.get(names.relation_target)
        label = fs.get(names.relation_label)
        labels = (label,) if isinstance(label, str) and label else ()
        if names.relation_implied in rel_features and fs.get(names.relation_implied):
            labels += ("implied",)
        doc.relations.append(ToolRelation(id=str(fs.xmiID), labels=labels,
                                          source=str(source.xmiID) if source is not None else "",
                                          target=str(target.xmiID) if target is not None else ""))
    return doc
