// Program (thread) names as the code panel and the generated code show them. A scenario's program
// `name` is a plain string (the file format stays as it is), written in English; the names the
// built-in and lesson scenarios use have their zh-CN word here, a trailing number kept
// ("pool thread 2" → "线程池线程 2"). Names not listed stay as written.
import type { Locale } from './i18n';

const ZH: Readonly<Record<string, string>> = {
  main: '主线程',
  acceptor: '接受连接的线程',
  handler: '处理线程',
  'pool thread': '线程池线程',
  client: '客户端',
  server: '服务器',
  'second server': '第二个服务器',
  'echo server': '回显服务器',
  'iterative server': '循环服务器',
  'event loop': '事件循环',
  'web server': 'Web 服务器',
  'DNS server': 'DNS 服务器',
  'TCP server': 'TCP 服务器',
  'UDP server': 'UDP 服务器',
  browser: '浏览器',
  'browser tab': '浏览器标签页',
  'raw socket': '原始套接字',
};

/** The zh-CN word for a program name, or undefined when there is none. */
export function zhProgramName(name: string): string | undefined {
  const known = ZH[name];
  if (known !== undefined) return known;
  const m = /^(.*\S)\s+(\d+)$/.exec(name);
  const base = m ? ZH[m[1]] : undefined;
  return base === undefined ? undefined : `${base} ${m![2]}`;
}

/** A program's name in `locale` (as written when it has no translation). */
export function programName(name: string, locale: Locale): string;
export function programName(name: string | undefined, locale: Locale): string | undefined;
export function programName(name: string | undefined, locale: Locale): string | undefined {
  if (name === undefined || locale !== 'zh-CN') return name;
  return zhProgramName(name) ?? name;
}
