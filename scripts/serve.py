"""Start the job worker and the web server together (used by `make run`); Ctrl-C stops both."""

import os
import signal
import subprocess
import sys
from pathlib import Path

BIN = Path(sys.executable).parent
DEMO_LOGINS = Path("var/demo-logins.txt")


def main() -> int:
    port = os.environ.get("PORT", "8000")
    worker = subprocess.Popen([BIN / "danvan", "worker"])
    print(f"\n  danvan is starting at http://127.0.0.1:{port}/")
    if DEMO_LOGINS.exists():
        print(DEMO_LOGINS.read_text(encoding="utf-8"))
    try:
        return subprocess.call([BIN / "danvan", "runserver", f"0.0.0.0:{port}", "--noreload"])
    except KeyboardInterrupt:
        return 0
    finally:
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(timeout=10)
        except subprocess.TimeoutExpired:
            worker.kill()


if __name__ == "__main__":
    sys.exit(main())
