// Text of the synthetic archive files, in the two layouts X has used: compact (2020, "}, {"
// between entries) and expanded (2022+, fully pretty-printed). List files are produced as a stream
// of byte chunks so lists of any length never sit in memory as one string.

export type Layout = 'compact' | 'expanded';
export type TextStyle = { layout: Layout; crlf?: boolean; bom?: boolean };
export type Owner = { accountId: string; username: string; displayName: string };
export type ListKind = 'following' | 'follower' | 'block' | 'mute';

/** The key of each entry's object: the type itself, "blocking" in block.js, "muting" in mute.js. */
const ENTRY_KEYS: Record<ListKind, string> = {
  following: 'following',
  follower: 'follower',
  block: 'blocking',
  mute: 'muting',
};

const CHUNK_CHARS = 256 * 1024;
const BOM = '\uFEFF';

function finish(text: string, style: TextStyle, first: boolean): string {
  const lines = style.crlf ? text.replace(/\n/g, '\r\n') : text;
  return first && style.bom ? BOM + lines : lines;
}

function entryText(kind: ListKind, id: string, layout: Layout): string {
  const type = ENTRY_KEYS[kind];
  const link = `https://twitter.com/intent/user?user_id=${id}`;
  if (layout === 'compact') {
    return `{\n  "${type}" : {\n    "accountId" : "${id}",\n    "userLink" : "${link}"\n  }\n}`;
  }
  return `  {\n    "${type}" : {\n      "accountId" : "${id}",\n      "userLink" : "${link}"\n    }\n  }`;
}

/** Streams window.YTD.<type>.part<part> = [ … ] for the given ids. */
export function* listFileChunks(
  type: ListKind,
  part: number,
  ids: Iterable<string>,
  style: TextStyle,
): Generator<Uint8Array> {
  const compact = style.layout === 'compact';
  let text = `window.YTD.${type}.part${part} = [`;
  let first = true;
  let count = 0;
  for (const id of ids) {
    text += count === 0 ? (compact ? ' ' : '\n') : compact ? ', ' : ',\n';
    text += entryText(type, id, style.layout);
    count++;
    if (text.length >= CHUNK_CHARS) {
      yield Buffer.from(finish(text, style, first), 'utf8');
      first = false;
      text = '';
    }
  }
  if (count === 0) text += compact ? ' ]' : ']';
  else text += compact ? ' ]' : '\n]';
  yield Buffer.from(finish(text, style, first), 'utf8');
}

export function listFileText(type: ListKind, part: number, ids: Iterable<string>, style: TextStyle): string {
  return Buffer.concat([...listFileChunks(type, part, ids, style)]).toString('utf8');
}

export function accountText(owner: Owner, style: TextStyle): string {
  const account = {
    email: `${owner.username}@example.invalid`,
    createdVia: 'web',
    username: owner.username,
    accountId: owner.accountId,
    createdAt: '2011-03-04T12:00:00.000Z',
    accountDisplayName: owner.displayName,
  };
  return finish(`window.YTD.account.part0 = ${prettyJson([{ account }])}`, style, true);
}

export type ManifestListFile = { fileName: string; type: string; part: number; count: number };

export function manifestText(owner: Owner, files: ManifestListFile[], style: TextStyle): string {
  const dataTypes: Record<string, { files: object[] }> = {
    account: { files: [{ fileName: 'data/account.js', globalName: 'YTD.account.part0', count: '1' }] },
  };
  for (const file of files) {
    const type = dataTypes[file.type] ?? { files: [] };
    dataTypes[file.type] = type;
    type.files.push({
      fileName: file.fileName,
      globalName: `YTD.${file.type}.part${file.part}`,
      count: String(file.count),
    });
  }
  dataTypes.tweets = { files: [{ fileName: 'data/tweets.js', globalName: 'YTD.tweets.part0', count: '0' }] };
  const config = {
    userInfo: { accountId: owner.accountId, userName: owner.username, displayName: owner.displayName },
    archiveInfo: {
      sizeBytes: '0',
      generationDate: '2024-01-01T12:00:00.000Z',
      isPartialArchive: false,
      maxPartSizeBytes: '53687091200',
    },
    readmeInfo: { fileName: 'data/README.txt', directory: 'data/', name: 'README.txt' },
    dataTypes,
  };
  return finish(`window.__THAR_CONFIG = ${prettyJson(config)}`, style, true);
}

/** JSON.stringify with X's spacing: `"key" : value`. */
function prettyJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/^(\s*"[^"]*"):/gm, '$1 :');
}

export function tweetsText(style: TextStyle): string {
  return finish('window.YTD.tweets.part0 = [ ]', style, true);
}
