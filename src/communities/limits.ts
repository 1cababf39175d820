// The bounds of an organiser's members file sent through the web page: one request, within the
// app's body limit (src/web/body-size.ts; JSON escapes each line break in two bytes, so the page
// checks the encoded body too). The command line takes larger files.
/** Characters of CSV one upload may carry (about 700 rows of X ids). */
export const MAX_MEMBERS_CSV_CHARS = 15_000;
