"""haitao (海淘): cross-border import e-commerce into mainland China on one shared backend."""

__version__ = "0.1.0"
