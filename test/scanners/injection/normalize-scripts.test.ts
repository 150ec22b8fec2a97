import { describe, expect, it } from 'vitest';
import { findEncodedPayloads, normalizeForScan } from '../../../src/scanners/injection/normalize.js';

const decoded = (text: string) => findEncodedPayloads(text).map((p) => [p.encoding, p.decoded]);

describe('normalisation beyond Latin letters', () => {
  it('decodes base64 whose text is Cyrillic or Chinese, not only ASCII prose', () => {
    expect(
      decoded(
        'note: 0J/RgNC40LLQtdGCLCDRjdGC0L4g0L7QsdGL0YfQvdGL0Lkg0YLQtdC60YHRgiDQtNC70Y8g0L/RgNC+0LLQtdGA0LrQuCDQtNC10LrQvtC00LXRgNCw',
      ),
    ).toEqual([['base64', 'Привет, это обычный текст для проверки декодера']]);
    expect(
      decoded('6L+Z5piv5LiA5q6155So5LqO5rWL6K+V6Kej56CB5Zmo55qE5pmu6YCa5Lit5paH5paH5pys5YaF5a65'),
    ).toEqual([['base64', '这是一段用于测试解码器的普通中文文本内容']]);
  });

  it('decodes base64 of a command line with a URL and numbers in it (half letters is prose enough)', () => {
    expect(
      decoded('see cmVhZCB0aGUgcmVsZWFzZSBub3RlcyBmb3IgdjIuMy40IGF0IGh0dHBzOi8vZXhhbXBsZS5vcmcvcjIzNA'),
    ).toEqual([['base64', 'read the release notes for v2.3.4 at https://example.org/r234']]);
  });

  it('decodes hex written with a C-style 0x prefix', () => {
    expect(
      decoded('ref 0x706c656173652072656275696c642074686520646f6373207369746520746f6e69676874 (build 12)'),
    ).toEqual([['hex', 'please rebuild the docs site tonight']]);
  });

  it('joins letters split by hyphens or dots, but leaves version numbers and initialisms alone', () => {
    expect(decoded('P-l-e-a-s-e r-e-a-d t-h-e m-a-n-u-a-l b.e.f.o.r.e asking')).toEqual([
      ['spaced', 'Please read the manual before asking'],
    ]);
    expect(decoded('Versions 1.2.3, 2.0.1 and 3.1.4 of the U.S.A. edition shipped today.')).toEqual([]);
  });

  it('reads a Roman numeral or letter-like symbol standing for a Latin letter as that letter', () => {
    expect(normalizeForScan('Ⅰgnore the ℓimits').text).toBe('Ignore the limits');
    expect(normalizeForScan('Temperature: 21 ℃').text).toBe('Temperature: 21 ℃');
  });
});
