/**
 * The one typeface GridSight draws text with, shipped in the bundle (@fontsource/noto-sans-sc) so
 * that Chinese renders on an air-gapped machine with no CJK system font.
 *
 * MapLibre draws every label locally with TinySDF when the style has no `glyphs` URL, using the
 * `text-font` names as CSS families. It asks the browser to load the family with a single space as
 * sample text, which only fetches the Latin subset of a unicode-range font; the CJK subsets would
 * load lazily after TinySDF had already drawn them in a fallback face. So the characters of every
 * label are preloaded before the labels are handed to MapLibre.
 */
export const MAP_FONT_FAMILY = 'Noto Sans SC';

/** `text-font` of every MapLibre symbol layer. */
export const MAP_TEXT_FONT: string[] = [MAP_FONT_FAMILY];

/** CSS font stack for `localIdeographFontFamily` and the page. */
export const UI_FONT_STACK = `"${MAP_FONT_FAMILY}", system-ui, sans-serif`;

/** The distinct characters of some texts, as one sample string. */
export function glyphSample(texts: Iterable<string>): string {
  const chars = new Set<string>();
  for (const text of texts) for (const ch of text) chars.add(ch);
  return [...chars].join('');
}

/**
 * Loads the font subsets that cover `texts` (in the weights MapLibre draws with) and resolves when
 * they are ready. Never rejects: a font that cannot load falls back to the system face.
 */
export async function preloadGlyphs(fonts: FontFaceSet, texts: Iterable<string>): Promise<void> {
  const sample = glyphSample(texts);
  if (!sample) return;
  try {
    await fonts.load(`400 24px "${MAP_FONT_FAMILY}"`, sample);
  } catch {
    // Fallback face: labels still render, only not in the shipped typeface.
  }
}
