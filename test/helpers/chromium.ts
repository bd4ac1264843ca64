/**
 * Headless Chromium (Debian's `chromium` package) driven over the DevTools protocol on a
 * pipe (`--remote-debugging-pipe`: fd 3 in, fd 4 out, messages separated by NUL), with no
 * dependency: open a page, collect console errors, exceptions and network requests, take a
 * full-page screenshot and print a PDF. Used by the report's end-to-end test.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { Readable, Writable } from 'node:stream';

/** The Chromium binary on PATH (or CHROMIUM_BIN), or undefined when there is none. */
export function findChromium(): string | undefined {
  const candidates = [process.env['CHROMIUM_BIN'], 'chromium', 'chromium-browser', 'google-chrome'].filter(
    (c): c is string => c !== undefined && c !== '',
  );
  for (const c of candidates) {
    const paths = c.includes('/') ? [c] : (process.env['PATH'] ?? '').split(delimiter).map((d) => join(d, c));
    for (const p of paths) {
      try {
        accessSync(p, constants.X_OK);
        return p;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

type Json = Record<string, unknown>;

/** A browser session on one page. */
export class Browser {
  private readonly child: ChildProcess;
  private readonly input: Writable;
  private readonly profile: string;
  private nextId = 1;
  private buffer = '';
  private readonly pending = new Map<number, { resolve: (v: Json) => void; reject: (e: Error) => void }>();
  private readonly listeners: ((method: string, params: Json, sessionId?: string) => void)[] = [];

  private constructor(binary: string) {
    this.profile = mkdtempSync(join(tmpdir(), 'flere-chromium-'));
    this.child = spawn(
      binary,
      [
        '--headless',
        '--remote-debugging-pipe',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--no-default-browser-check',
        '--disable-extensions',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--hide-scrollbars',
        '--mute-audio',
        `--user-data-dir=${this.profile}`,
        'about:blank',
      ],
      { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] },
    );
    this.input = this.child.stdio[3] as Writable;
    const output = this.child.stdio[4] as Readable;
    output.setEncoding('utf8');
    output.on('data', (chunk: string) => this.receive(chunk));
    this.child.on('exit', () => {
      for (const p of this.pending.values()) p.reject(new Error('chromium exited'));
      this.pending.clear();
    });
  }

  /** Starts Chromium. */
  static launch(binary: string): Browser {
    return new Browser(binary);
  }

  private receive(chunk: string): void {
    this.buffer += chunk;
    let end: number;
    while ((end = this.buffer.indexOf('\0')) >= 0) {
      const message = JSON.parse(this.buffer.slice(0, end)) as Json;
      this.buffer = this.buffer.slice(end + 1);
      const id = message['id'];
      if (typeof id === 'number') {
        const p = this.pending.get(id);
        this.pending.delete(id);
        if (message['error']) p?.reject(new Error(JSON.stringify(message['error'])));
        else p?.resolve((message['result'] ?? {}) as Json);
      } else if (typeof message['method'] === 'string') {
        for (const l of this.listeners) l(message['method'], (message['params'] ?? {}) as Json, message['sessionId'] as string | undefined);
      }
    }
  }

  /** Sends one protocol command (to a page session when `sessionId` is given). */
  send(method: string, params: Json = {}, sessionId?: string): Promise<Json> {
    const id = this.nextId++;
    const message = JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) });
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.input.write(`${message}\0`);
    });
  }

  /** Calls `listener` with every event. */
  on(listener: (method: string, params: Json, sessionId?: string) => void): void {
    this.listeners.push(listener);
  }

  /** Waits for the first event `method` (of `sessionId`) for at most `ms`. */
  waitFor(method: string, sessionId: string, ms = 15_000): Promise<Json> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${method}`)), ms);
      this.on((m, params, s) => {
        if (m === method && s === sessionId) {
          clearTimeout(timer);
          resolve(params);
        }
      });
    });
  }

  /** Ends Chromium and removes its profile. */
  async close(): Promise<void> {
    const exited = new Promise<void>((resolve) => {
      if (this.child.exitCode !== null) resolve();
      else this.child.on('exit', () => resolve());
    });
    this.send('Browser.close').catch(() => undefined);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
    rmSync(this.profile, { recursive: true, force: true });
  }
}

/** What loading a page showed. */
export interface PageVisit {
  /** Console messages of level error, uncaught exceptions, and log entries of level error. */
  readonly errors: string[];
  /** Every URL the page requested besides the page itself. */
  readonly requests: string[];
  /** A full-page PNG at the given width. */
  readonly screenshot: Buffer;
  /** An A4 PDF as printed. */
  readonly pdf: Buffer;
  /** Values computed in the page by `evaluate`. */
  readonly evaluated: unknown;
}

/**
 * Opens `url` at `width` × `height` CSS pixels, waits for the load event, evaluates
 * `expression` (a JSON-serialisable result), takes a full-page screenshot and prints an A4
 * PDF with the page's own print stylesheet.
 */
export async function visit(binary: string, url: string, width: number, height: number, expression: string): Promise<PageVisit> {
  const browser = Browser.launch(binary);
  try {
    const { targetId } = (await browser.send('Target.createTarget', { url: 'about:blank' })) as { targetId: string };
    const { sessionId } = (await browser.send('Target.attachToTarget', { targetId, flatten: true })) as { sessionId: string };
    const errors: string[] = [];
    const requests: string[] = [];
    browser.on((method, params, s) => {
      if (s !== sessionId) return;
      if (method === 'Runtime.consoleAPICalled' && params['type'] === 'error') errors.push(`console: ${JSON.stringify(params['args'])}`);
      if (method === 'Runtime.exceptionThrown') errors.push(`exception: ${JSON.stringify(params['exceptionDetails'])}`);
      if (method === 'Log.entryAdded') {
        const entry = params['entry'] as { level?: string; text?: string; url?: string };
        if (entry.level === 'error') errors.push(`log: ${entry.text ?? ''} ${entry.url ?? ''}`);
      }
      if (method === 'Network.requestWillBeSent') {
        const request = params['request'] as { url: string };
        if (request.url !== url) requests.push(request.url);
      }
    });
    await browser.send('Page.enable', {}, sessionId);
    await browser.send('Runtime.enable', {}, sessionId);
    await browser.send('Log.enable', {}, sessionId);
    await browser.send('Network.enable', {}, sessionId);
    await browser.send('Emulation.setDeviceMetricsOverride', { width, height, deviceScaleFactor: 1, mobile: false }, sessionId);
    const loaded = browser.waitFor('Page.loadEventFired', sessionId);
    await browser.send('Page.navigate', { url }, sessionId);
    await loaded;
    const result = (await browser.send('Runtime.evaluate', { expression, returnByValue: true }, sessionId)) as {
      result: { value?: unknown };
    };
    const metrics = (await browser.send('Page.getLayoutMetrics', {}, sessionId)) as { cssContentSize: { width: number; height: number } };
    const full = { x: 0, y: 0, width, height: Math.ceil(metrics.cssContentSize.height), scale: 1 };
    const shot = (await browser.send('Page.captureScreenshot', { format: 'png', clip: full, captureBeyondViewport: true }, sessionId)) as { data: string };
    const pdf = (await browser.send(
      'Page.printToPDF',
      { paperWidth: 8.27, paperHeight: 11.69, printBackground: true, preferCSSPageSize: true },
      sessionId,
    )) as { data: string };
    return {
      errors,
      requests,
      screenshot: Buffer.from(shot.data, 'base64'),
      pdf: Buffer.from(pdf.data, 'base64'),
      evaluated: result.result.value,
    };
  } finally {
    await browser.close();
  }
}
