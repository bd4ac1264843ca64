/**
 * Reading the figures out of a report page: every element's data attributes, found with a
 * plain scan of the tags (the page is flere's own, well-formed output), so that tests compare
 * the page with the JSON outputs without a DOM library.
 */

/** One element: its tag name and attributes (values as written: data attributes need no unescaping). */
export interface Tag {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  /** Offset of the tag in the page, for "comes before" checks. */
  readonly at: number;
}

/** Every opening tag of `html` with attribute `attr`. */
export function tagsWith(html: string, attr: string): Tag[] {
  const out: Tag[] = [];
  for (const m of html.matchAll(/<([a-zA-Z][\w-]*)\s([^>]*)>/g)) {
    const attrs: Record<string, string> = {};
    for (const a of (m[2] ?? '').matchAll(/([\w:-]+)="([^"]*)"/g)) attrs[a[1] as string] = a[2] as string;
    if (attr in attrs) out.push({ name: m[1] as string, attrs, at: m.index ?? 0 });
  }
  return out;
}

/** The part of the page inside `<section id="ID">…</section>`. */
export function section(html: string, id: string): string {
  const start = html.indexOf(`<section id="${id}">`);
  if (start < 0) throw new Error(`no section ${id}`);
  return html.slice(start, html.indexOf('</section>', start));
}

/** Σ of decimal strings of whole kroner, exactly. */
export const sumKr = (xs: readonly string[]): bigint => xs.reduce((s, x) => s + BigInt(x), 0n);
