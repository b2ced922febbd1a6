"""Copy the browser libraries we ship from npm (pinned in package-lock.json) into the built site, so
nothing is loaded from another origin. Today: `docx`, which the plan builder uses to make a Word
document in the browser (its ES module build has no imports of its own)."""

from __future__ import annotations

import shutil
from pathlib import Path

from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"
SITE_DIR = "assets/vendor"
# site file name -> (npm package, file in the package)
FILES = {
    "docx.mjs": ("docx", "dist/index.mjs"),
    "docx.LICENSE.txt": ("docx", "LICENSE"),
}


def copy_into(site_dir: Path) -> None:
    target = site_dir / SITE_DIR
    target.mkdir(parents=True, exist_ok=True)
    for name, (package, path) in FILES.items():
        source = NODE_MODULES / package / path
        if not source.is_file():
            raise PluginError(f"node_modules/{package}/{path} mangler – kør 'make setup' (npm ci).")
        shutil.copyfile(source, target / name)
