"""Measure the PII guard (``incidents.pii.find_pii``) on pattern-sized texts, ordinary and adversarial.

Run: ``.venv/bin/python bench/pii_guard.py``. It prints the median time per call for each text over
``REPEATS`` calls. A pattern's free-text fields hold at most about 12,000 characters together, so the
largest texts here are above what one submission can carry.
"""

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from incidents.pii import find_pii  # noqa: E402

REPEATS = 20

ORDINARY = (
    "ゲームの攻略を教えると近づき、ID交換アプリへ移動させた。16～17歳の被害が多く、2016年には1,652件。"
    "The offender moved the conversation to an ID exchange app and asked for photos. "
)
TEXTS = {
    "ordinary, 1,000 characters": (ORDINARY * 20)[:1000],
    "ordinary, 12,000 characters": (ORDINARY * 200)[:12000],
    "personal information every 100 characters, 12,000 characters": (
        (ORDINARY[:60] + "佐藤花子さん 090-1234-5678 ID:sakura_01 ") * 150
    )[:12000],
    "kanji without a break, 12,000 characters": "漢" * 12000,
    "digits and dashes, 12,000 characters": "0-" * 6000,
    "hiragana before an honorific, 12,000 characters": "あ" * 11995 + "ちゃん",
    "Latin letters without a space, 12,000 characters": "a" * 12000,
    "digits without a break, 12,000 characters": "1" * 12000,
    "kanji numerals without a break, 12,000 characters": "〇" * 12000,
    "a name with an honorific, 3,000 times": "佐藤さん" * 3000,
}


def main() -> None:
    for label, text in TEXTS.items():
        timings = []
        for _repeat in range(REPEATS):
            start = time.perf_counter()
            find_pii(text)
            timings.append(time.perf_counter() - start)
        print(f"{label}: median {statistics.median(timings) * 1000:.1f} ms, max {max(timings) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
