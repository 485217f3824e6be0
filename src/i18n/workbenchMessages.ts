// What the workbench says beside a field it cannot accept, in English and Simplified Chinese. The
// checks themselves are the scenario schema's (src/scenarios/schema.ts); these sentences say what
// the field expects, for people who do not read JSON paths.
import type { FieldKind } from '../workbench/opFields';
import { isSchemaKey, schemaEn, schemaZhCN } from './schemaMessages';

export type FieldProblem =
  | { kind: 'required' }
  | { kind: 'number' }
  | { kind: 'integer' }
  | { kind: 'min'; min: number }
  | { kind: 'max'; max: number }
  | { kind: 'range'; min: number; max: number }
  | { kind: 'oneOf'; values: string[] }
  | { kind: 'format'; field: FieldKind | 'host' | 'title' }
  | { kind: 'data' }
  | { kind: 'optvalue' }
  | { kind: 'bandwidth' }
  | { kind: 'unknownSocket'; name: string; host: string }
  | { kind: 'unknownHost'; hosts: string[] }
  | { kind: 'target'; hosts: string[] }
  | { kind: 'spawnTarget'; host: string }
  | { kind: 'spawnedOnce' }
  | { kind: 'duplicateIp' }
  | { kind: 'duplicateHost' }
  | { kind: 'noHost' }
  | { kind: 'atLeastOneSocket' }
  | { kind: 'other'; text: string };

type Say = (p: FieldProblem) => string;

const FORMAT_EN: Record<string, string> = {
  ip: 'a dotted IPv4 address such as 10.0.0.1',
  name: 'a name: a letter or _, then letters, digits or _ (at most 32)',
  sock: 'a socket name: a letter or _, then letters, digits or _',
  host: 'a host name: a letter, then letters, digits, _ or - (at most 32)',
  target: 'a host name or an IPv4 address',
  title: 'text',
};
const FORMAT_ZH: Record<string, string> = {
  ip: '点分十进制的 IPv4 地址，例如 10.0.0.1',
  name: '名称：以字母或 _ 开头，后跟字母、数字或 _（最多 32 个）',
  sock: '套接字名称：以字母或 _ 开头，后跟字母、数字或 _',
  host: '主机名：以字母开头，后跟字母、数字、_ 或 -（最多 32 个）',
  target: '主机名或 IPv4 地址',
  title: '文本',
};

const en: Say = (p) => {
  switch (p.kind) {
    case 'required': return 'Required.';
    case 'number': return 'A number, please.';
    case 'integer': return 'A whole number, please.';
    case 'min': return `At least ${p.min}.`;
    case 'max': return `At most ${p.max}.`;
    case 'range': return `From ${p.min} to ${p.max}.`;
    case 'oneOf': return `One of: ${p.values.map((v) => v || '(none)').join(', ')}.`;
    case 'format': return `Expected ${FORMAT_EN[p.field] ?? 'a valid value'}.`;
    case 'data': return 'Text, or (filler) a whole number of bytes.';
    case 'optvalue': return 'A number, true or false.';
    case 'bandwidth': return 'Bytes per second above 0, or empty for unlimited.';
    case 'unknownSocket': return `No socket named “${p.name}” is created on host ${p.host} (socket or accept with “as”).`;
    case 'unknownHost': return `One of the hosts: ${p.hosts.join(', ') || '(none yet)'}.`;
    case 'target': return `A host (${p.hosts.join(', ') || 'none yet'}) or an IPv4 address.`;
    case 'spawnTarget': return `The number of another program on host ${p.host} whose start is “spawn”.`;
    case 'spawnedOnce': return 'Exactly one spawn step must start this program.';
    case 'duplicateIp': return 'Another host already has this address.';
    case 'duplicateHost': return 'Another host already has this name.';
    case 'noHost': return 'Add at least one host.';
    case 'atLeastOneSocket': return 'At least one socket.';
    case 'other': return isSchemaKey(p.text) ? `Expected ${schemaEn[p.text]}.` : p.text;
  }
};

const zh: Say = (p) => {
  switch (p.kind) {
    case 'required': return '必填。';
    case 'number': return '请输入数字。';
    case 'integer': return '请输入整数。';
    case 'min': return `至少为 ${p.min}。`;
    case 'max': return `至多为 ${p.max}。`;
    case 'range': return `范围为 ${p.min} 到 ${p.max}。`;
    case 'oneOf': return `只能是：${p.values.map((v) => v || '（无）').join('、')}。`;
    case 'format': return `应为${FORMAT_ZH[p.field] ?? '有效的值'}。`;
    case 'data': return '文本，或（填充数据）整数个字节。';
    case 'optvalue': return '数字、true 或 false。';
    case 'bandwidth': return '大于 0 的每秒字节数，留空表示不限速。';
    case 'unknownSocket': return `主机 ${p.host} 上没有创建名为“${p.name}”的套接字（用 socket 或 accept 的“as”创建）。`;
    case 'unknownHost': return `应为已有的主机之一：${p.hosts.join('、') || '（还没有主机）'}。`;
    case 'target': return `应为主机（${p.hosts.join('、') || '还没有主机'}）或 IPv4 地址。`;
    case 'spawnTarget': return `应为主机 ${p.host} 上另一个启动方式为“spawn”的程序的编号。`;
    case 'spawnedOnce': return '必须恰好有一个 spawn 步骤启动这个程序。';
    case 'duplicateIp': return '另一台主机已经使用了这个地址。';
    case 'duplicateHost': return '另一台主机已经使用了这个名称。';
    case 'noHost': return '请至少添加一台主机。';
    case 'atLeastOneSocket': return '至少一个套接字。';
    case 'other': return isSchemaKey(p.text) ? `应为${schemaZhCN[p.text]}。` : p.text;
  }
};

export function describeProblem(p: FieldProblem, locale: 'en' | 'zh-CN'): string {
  return (locale === 'zh-CN' ? zh : en)(p);
}
