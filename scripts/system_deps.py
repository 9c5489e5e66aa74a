"""Install the Debian packages the tests need (Chromium, gettext, poppler, fonts, pango for PDFs).

Runs apt-get only when a package is missing and we are root on Debian; otherwise it says what will
be skipped. Under CI=true a package that cannot be installed is an error, never a silent skip.
"""

import ctypes.util
import os
import shutil
import subprocess
import sys

PACKAGES = {"chromium": "chromium", "msgfmt": "gettext", "pdftoppm": "poppler-utils"}
FONTS = ["fonts-liberation2"]


def missing() -> list[str]:
    wanted = [pkg for tool, pkg in PACKAGES.items() if not shutil.which(tool)]
    if not os.path.isdir("/usr/share/fonts/truetype/liberation2"):
        wanted += FONTS
    if not ctypes.util.find_library("pango-1.0"):
        wanted += ["libpango-1.0-0", "libpangoft2-1.0-0"]  # WeasyPrint (PDF reports)
    return wanted


def main() -> int:
    wanted = missing()
    if not wanted:
        return 0
    can_install = shutil.which("apt-get") and os.geteuid() == 0
    if can_install:
        print(f"Installing system packages: {' '.join(wanted)}", flush=True)
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run(["apt-get", "update", "-qq"], check=False, env=env)
        result = subprocess.run(["apt-get", "install", "-y", "-qq", *wanted], env=env)
        if result.returncode == 0:
            return 0
    message = f"Missing system packages: {' '.join(wanted)}; the tests that need them will be skipped."
    if os.environ.get("CI"):
        print(f"ERROR (CI): {message}", file=sys.stderr)
        return 1
    print(f"NOTE: {message} Install them as root (apt-get install {' '.join(wanted)}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
