"""The bundled knowledge base: four policy documents with their metadata."""

from pathlib import Path

DOCUMENTS_DIR = Path(__file__).resolve().parent / "documents"


def bundled_documents_dir() -> Path:
    """Folder holding the bundled documents and their `.meta.json` sidecars."""
    return DOCUMENTS_DIR
