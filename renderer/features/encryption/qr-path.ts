// A QR code (ISO/IEC 18004) as one SVG path of its dark modules, from the matrix qrcode-generator makes, with the quiet zone
// of four modules the standard asks for around it.
import qrcode from 'qrcode-generator';

export const QUIET_ZONE = 4;

export function qrPath(text: string): { readonly size: number; readonly path: string } {
  // Medium error correction, the version as small as the text allows.
  const code = qrcode(0, 'M');
  code.addData(text, 'Byte');
  code.make();
  const count = code.getModuleCount();
  const parts: string[] = [];
  for (let row = 0; row < count; row += 1) {
    for (let col = 0; col < count; col += 1) if (code.isDark(row, col)) parts.push(`M${String(col + QUIET_ZONE)} ${String(row + QUIET_ZONE)}h1v1h-1z`);
  }
  return { size: count + QUIET_ZONE * 2, path: parts.join('') };
}
