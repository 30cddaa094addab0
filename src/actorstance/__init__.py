"""actorstance: directed political-actor stance — who is for or against whom in the news.

The package reads top-down as the pipeline it implements::

    labels, schema        the label set and the canonical annotation model (one source of truth)
    annotations           loading + validating annotation files against their texts
    segment, convert      paragraphs, candidate policy, label-independent contexts -> stance pairs
    importers/            other corpora -> canonical annotations (one module per format)
    dataset/              stance pairs -> Hugging Face dataset folder (parquet + card)
    models/               the model protocol, registry and baselines
    metrics, evaluation/  scores with bootstrap confidence intervals, typed results
    reports/              Markdown, JSON, plots and networks rendered from results
    cli/                  thin click commands over all of the above
"""

__version__ = "0.1.0"
