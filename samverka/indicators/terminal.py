"""A terminal progress bar for long imports: plain Python, no Django."""

import time


class ProgressBar:
    """ProgressBar(stream, total).update(done): redraws one line, at most ten times a second."""

    def __init__(self, stream, total: int | None, unit: str = "rows", width: int = 30):
        self.stream = stream
        self.total = total
        self.unit = unit
        self.width = width
        self.started = time.monotonic()
        self.last_draw = 0.0
        self.interactive = hasattr(stream, "isatty") and stream.isatty()

    def update(self, done: int, fraction: float | None = None, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self.last_draw < (0.1 if self.interactive else 2.0):
            return
        self.last_draw = now
        if fraction is None and self.total:
            fraction = min(done / self.total, 1.0)
        rate = done / max(now - self.started, 1e-6)
        if fraction is not None:
            filled = int(self.width * fraction)
            bar = "█" * filled + "░" * (self.width - filled)
            line = f"[{bar}] {fraction:6.1%}  {done:,} {self.unit}  {rate:,.0f}/s"
        else:
            line = f"{done:,} {self.unit}  {rate:,.0f}/s"
        self.stream.write(("\r" if self.interactive else "") + line + ("" if self.interactive else "\n"))
        self.stream.flush()

    def finish(self, done: int) -> None:
        self.update(done, fraction=1.0, force=True)
        if self.interactive:
            self.stream.write("\n")
            self.stream.flush()
