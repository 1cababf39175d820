// Shared rules for telling what an input is: a zip (by its first bytes, not its name) or one of
// the .js files of an archive (by its name).

const DATA_FILE_NAME = /^(account|manifest|(following|follower|block|mute)(-part\d+)?)\.js$/;

/** Local file header, empty archive, or spanned archive signatures. */
export function looksLikeZip(head: Uint8Array): boolean {
  if (head.length < 4 || head[0] !== 0x50 || head[1] !== 0x4b) return false;
  const kind = (head[2] as number) | ((head[3] as number) << 8);
  return kind === 0x0403 || kind === 0x0605 || kind === 0x0807;
}

export function isArchiveFileName(name: string): boolean {
  return DATA_FILE_NAME.test(name);
}
