/** One response as the browser got it. */
export interface BrowserResponse {
  url: URL;
  status: number;
  location: URL | null;
  body: string;
}

interface StoredCookie {
  value: string;
  path: string;
}

/**
 * Just enough of a browser for a sign-in over HTTP: a cookie jar per origin (honouring Path,
 * Max-Age and Expires), redirects followed one at a time, forms posted. `aliases` maps an origin
 * the pages link to onto the address where that server really listens, as DNS and a reverse proxy
 * would for a console published at a public address.
 */
export class TestBrowser {
  private readonly jar = new Map<string, Map<string, StoredCookie>>();

  constructor(private readonly aliases: Readonly<Record<string, string>> = {}) {}

  async open(url: string | URL, form?: Record<string, string>): Promise<BrowserResponse> {
    const target = new URL(url);
    const reached = new URL(target.pathname + target.search, this.aliases[target.origin] ?? target.origin);
    const headers: Record<string, string> = { "user-agent": "fleetdeck-test-browser" };
    const cookie = this.cookieHeader(target);
    if (cookie) headers.cookie = cookie;
    if (form) {
      headers["content-type"] = "application/x-www-form-urlencoded";
      headers.origin = target.origin;
    }
    const response = await fetch(reached, {
      method: form ? "POST" : "GET",
      headers,
      body: form ? new URLSearchParams(form).toString() : undefined,
      redirect: "manual",
    });
    for (const setCookie of response.headers.getSetCookie()) this.store(target, setCookie);
    const location = response.headers.get("location");
    return {
      url: target,
      status: response.status,
      location: location === null ? null : new URL(location, target),
      body: await response.text(),
    };
  }

  /** Opens the URL and follows redirects until a page answers, or until `until` says stop. Returns every hop. */
  async follow(
    url: string | URL,
    { form, until }: { form?: Record<string, string>; until?: (next: URL) => boolean } = {},
  ): Promise<BrowserResponse[]> {
    const hops = [await this.open(url, form)];
    for (let hop = 0; hop < 20; hop++) {
      const last = hops.at(-1);
      if (!last?.location || last.status < 300 || last.status >= 400 || until?.(last.location)) return hops;
      hops.push(await this.open(last.location));
    }
    throw new Error(`more than 20 redirects from ${url}`);
  }

  cookie(origin: string, name: string): string | null {
    return this.jar.get(origin)?.get(name)?.value ?? null;
  }

  setCookie(origin: string, name: string, value: string, path = "/") {
    const cookies = this.jar.get(origin) ?? new Map<string, StoredCookie>();
    cookies.set(name, { value, path });
    this.jar.set(origin, cookies);
  }

  private cookieHeader(url: URL): string {
    const cookies = this.jar.get(url.origin) ?? new Map<string, StoredCookie>();
    return [...cookies]
      .filter(([, cookie]) => url.pathname === cookie.path || url.pathname.startsWith(cookie.path.replace(/\/?$/, "/")))
      .map(([name, cookie]) => `${name}=${cookie.value}`)
      .join("; ");
  }

  private store(url: URL, setCookie: string) {
    const [pair = "", ...attributes] = setCookie.split(";").map((part) => part.trim());
    const equals = pair.indexOf("=");
    const name = pair.slice(0, equals);
    const value = pair.slice(equals + 1);
    const attribute = (key: string) =>
      attributes.find((part) => part.toLowerCase().startsWith(`${key}=`))?.slice(key.length + 1) ?? null;
    const maxAge = attribute("max-age");
    const expires = attribute("expires");
    const expired = (maxAge !== null && Number(maxAge) <= 0) || (expires !== null && Date.parse(expires) <= Date.now());
    const cookies = this.jar.get(url.origin) ?? new Map<string, StoredCookie>();
    if (expired) cookies.delete(name);
    else cookies.set(name, { value, path: attribute("path") ?? "/" });
    this.jar.set(url.origin, cookies);
  }
}
