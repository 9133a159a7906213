/**
 * Width and height of a PNG or JPEG, read from its header, so that the simulator can fill in
 * `PhotoSize` like Telegram does. Unknown formats give 0×0.
 */
export function imageSize(data: Buffer): { width: number; height: number } {
  // PNG: signature, then the IHDR chunk with width and height as big-endian 32-bit integers.
  if (data.length >= 24 && data.readUInt32BE(0) === 0x89504e47) {
    return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
  }
  // JPEG: walk the segments until a start-of-frame marker (SOF0–SOF15 except DHT/JPG/DAC).
  if (data.length >= 4 && data[0] === 0xff && data[1] === 0xd8) {
    let offset = 2;
    while (offset + 9 < data.length) {
      if (data[offset] !== 0xff) {
        offset += 1;
        continue;
      }
      const marker = data[offset + 1] ?? 0;
      const length = data.readUInt16BE(offset + 2);
      const isFrame = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);
      if (isFrame) return { height: data.readUInt16BE(offset + 5), width: data.readUInt16BE(offset + 7) };
      offset += 2 + length;
    }
  }
  return { width: 0, height: 0 };
}
