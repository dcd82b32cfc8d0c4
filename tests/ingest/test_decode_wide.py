"""Issue 20: UTF-16 and UTF-32 without a byte-order mark are read in any script,
and binary data is still refused."""

from __future__ import annotations

import random

import pytest

from claimledger.errors import InputError
from claimledger.ingest.decode import decode_text, looks_binary

# One sentence per script, written for these tests.
SENTENCES = {
    "latin": "The mayor said on Monday that the river was clean.\nResidents disagreed.",
    "turkish": "Belediye başkanı pazartesi günü nehrin temiz olduğunu söyledi.",
    "cyrillic": "Мэр заявил в понедельник, что река чистая.\nЖители не согласны с этим.",
    "greek": "Ο δήμαρχος δήλωσε τη Δευτέρα ότι το ποτάμι είναι καθαρό.",
    "arabic": "قال رئيس البلدية يوم الاثنين إن النهر نظيف. واعترض السكان على ذلك.",
    "hebrew": "ראש העיר אמר ביום שני שהנהר נקי. התושבים חלקו על כך.",
    "devanagari": "महापौर ने सोमवार को कहा कि नदी साफ है। निवासी असहमत हैं।",
    "thai": "นายกเทศมนตรีกล่าวเมื่อวันจันทร์ว่าแม่น้ำสะอาด ชาวบ้านไม่เห็นด้วย",
    "chinese": "市长周一表示，河水是干净的。居民们不同意这一说法，并要求进一步检测。",
    "japanese": "市長は月曜日、川はきれいだと述べた。住民は反対している。",
    "korean": "시장은 월요일에 강이 깨끗하다고 말했다. 주민들은 동의하지 않았다.",
}


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be", "utf-8"])
@pytest.mark.parametrize("script", sorted(SENTENCES))
def test_decode_text_reads_wide_encodings_without_bom_in_any_script(script, encoding):
    text = SENTENCES[script]
    decoded = decode_text(text.encode(encoding), "story.txt")
    assert decoded.text == text
    assert decoded.encoding == encoding.split("-l")[0].split("-b")[0]


@pytest.mark.parametrize("seed", range(40))
def test_random_bytes_stay_binary(seed):
    data = random.Random(seed).randbytes(3000)
    assert looks_binary(data)
    with pytest.raises(InputError):
        decode_text(data, "blob.txt")
