import fs from 'node:fs';
import { createRequire } from 'node:module';

/**
 * The font every PDF of Inkludera embeds: DejaVu Sans Condensed (dejavu-fonts-ttf, free; about as
 * wide as Helvetica, so lines break where they did), whose glyphs cover the
 * names of a Swedish municipality's staff and units: Latin with every mark (č, ł, ŋ, đ, ş, ő, ư, ǎ),
 * the Sami letters, Cyrillic and Greek. The PDF standard fonts reach only WinAnsi, where "Đorđević"
 * or "Áŋŋát" would lose letters. A PDF embeds the subset of glyphs it uses, with their Unicode, so
 * its text can be searched, copied and read aloud.
 */
export type FontWeight = 'regular' | 'bold';

const files: Record<FontWeight, string> = {
  regular: 'dejavu-fonts-ttf/ttf/DejaVuSansCondensed.ttf',
  bold: 'dejavu-fonts-ttf/ttf/DejaVuSansCondensed-Bold.ttf',
};

const require = createRequire(import.meta.url);
const loaded = new Map<FontWeight, Buffer>();

/** The font file's bytes, read once per process. */
export function fontFile(weight: FontWeight): Buffer {
  let bytes = loaded.get(weight);
  if (!bytes) {
    bytes = fs.readFileSync(require.resolve(files[weight]));
    loaded.set(weight, bytes);
  }
  return bytes;
}
