import { writeFileSync } from 'node:fs';
import sharp from 'sharp';

/** Re-encodes a screenshot as a palette PNG (libimagequant), small enough to commit. */
export async function compressPng(path: string): Promise<{ before: number; after: number }> {
  const input = await sharp(path).toBuffer();
  const output = await sharp(input).png({ palette: true, quality: 85, effort: 10, compressionLevel: 9 }).toBuffer();
  writeFileSync(path, output);
  return { before: input.length, after: output.length };
}
