"""Exports arrive as a ZIP or as the folder it unpacks to: one way to list and read their files."""

import zipfile
from pathlib import Path

from keepwarm.lib.errors import InputError

MAX_MEMBER = 200_000_000


class Bundle:
    """Read-only view of a ZIP file or a folder: `names()` are POSIX paths relative to the root."""

    def __init__(self, path):
        self.path = Path(path)
        self.zip = None
        if self.path.is_dir():
            return
        if not self.path.is_file():
            raise InputError("path", str(path), "no such file or folder")
        try:
            self.zip = zipfile.ZipFile(self.path)
        except (zipfile.BadZipFile, OSError):
            raise InputError("path", str(path), "not a ZIP file or a folder of the export") from None

    @classmethod
    def from_bytes(cls, raw: bytes, name: str = "upload.zip"):
        import io

        bundle = cls.__new__(cls)
        bundle.path = Path(name)
        try:
            bundle.zip = zipfile.ZipFile(io.BytesIO(raw))
        except zipfile.BadZipFile:
            raise InputError("file", name, "not a ZIP file") from None
        return bundle

    def names(self) -> list[str]:
        if self.zip is not None:
            return [i.filename for i in self.zip.infolist() if not i.is_dir()]
        return [p.relative_to(self.path).as_posix() for p in sorted(self.path.rglob("*")) if p.is_file()]

    def read(self, name: str) -> bytes:
        if self.zip is not None:
            info = self.zip.getinfo(name)
            if info.file_size > MAX_MEMBER:
                raise InputError("file", name, "too large")
            try:
                return self.zip.read(name)
            except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:  # a truncated download
                raise InputError("file", name, f"damaged ZIP member ({type(exc).__name__})") from None
        return (self.path / name).read_bytes()

    def find(self, basename: str) -> str | None:
        """The shallowest file with this name, case-insensitive (exports nest it at different depths)."""
        matches = [n for n in self.names() if n.rsplit("/", 1)[-1].lower() == basename.lower()]
        return min(matches, key=lambda n: (n.count("/"), n)) if matches else None
