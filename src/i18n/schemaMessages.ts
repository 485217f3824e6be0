// What a scenario field expects, in English and Simplified Chinese: the second half of "at <JSON
// path>, expected <what>". The schema (src/scenarios/schema.ts) reports a key and its parameters;
// the app renders them in the user's language, the CLI in English (`ScenarioError.message`).
// Both tables are part of the app's catalogs (en.ts / zhCN.ts spread them in).

export const schemaEn = {
  'schema.json': 'valid JSON',
  'schema.jsonAt': 'valid JSON (the error is near character {pos})',

  'schema.type.string': 'a string',
  'schema.type.number': 'a number',
  'schema.type.int': 'a whole number',
  'schema.type.boolean': 'true or false',
  'schema.type.object': 'an object ({ … })',
  'schema.type.array': 'a list ([ … ])',
  'schema.type.other': 'a value of type {type}',
  'schema.missing.string': 'a string (it is missing)',
  'schema.missing.number': 'a number (it is missing)',
  'schema.missing.int': 'a whole number (it is missing)',
  'schema.missing.boolean': 'true or false (it is missing)',
  'schema.missing.object': 'an object ({ … }) (it is missing)',
  'schema.missing.array': 'a list ([ … ]) (it is missing)',
  'schema.missing.other': 'a value of type {type} (it is missing)',

  'schema.unknownKey': 'no key {keys} (not part of the format)',
  'schema.discriminator': 'a known "{key}": {values}',
  'schema.union': 'one of the allowed forms',
  'schema.oneOf': 'one of {values}',
  'schema.literal': 'exactly {value}',
  'schema.min': 'a number of at least {min}',
  'schema.above': 'a number above {min}',
  'schema.max': 'a number of at most {max}',
  'schema.below': 'a number below {max}',
  'schema.minItems': 'at least {min} items',
  'schema.maxItems': 'at most {max} items',
  'schema.minLength': 'at least {min} characters',
  'schema.maxLength': 'at most {max} characters',
  'schema.format': 'a value in the right format',
  'schema.other': 'a valid value',

  'schema.ipv4': 'a dotted IPv4 address such as 10.0.0.1',
  'schema.hostName': 'a host name: a letter, then letters, digits, _ or - (at most 32)',
  'schema.sockName': 'a socket name: a letter or _, then letters, digits or _ (at most 32)',
  'schema.port': 'a port from 0 to 65535',
  'schema.probability': 'a probability from 0 to 1',
  'schema.msMin': 'a duration in ms, 0 or more',
  'schema.msMax': 'a duration of at most one day (86400000 ms)',
  'schema.seed': 'an integer seed from 0 to 4294967295',
  'schema.dataLength': 'a string of at most 1,000,000 characters',
  'schema.fillerBytes': 'a whole number of filler bytes from 0 to {max}',
  'schema.data': 'a string, or { "bytes": N } for filler bytes',
  'schema.localized': 'a string, or { "en": …, "zh-CN": … }',
  'schema.backlog': 'a backlog from 0 to 4096',
  'schema.target': 'a host name or an IPv4 address',
  'schema.pollSocks': 'a list of 1 to 64 socket names',
  'schema.mss': 'an MSS from 88 to 65495',
  'schema.bandwidth': 'a bandwidth in bytes per second above 0, or null (unlimited)',
  'schema.mtu': 'an MTU from 68 to 65536 (Linux loopback)',
  'schema.nth': 'a whole number from 1 (nth counts matching packets from 1)',

  'schema.noHost': 'at least one host',
  'schema.ipUsed': 'an address not already used by host "{host}"',
  'schema.hostOf': 'one of the hosts ({hosts})',
  'schema.targetOf': 'a host name ({hosts}) or an IPv4 address',
  'schema.sockOf': 'a socket created on host "{host}" with "as" (none is named "{name}")',
  'schema.spawnTarget': 'the index of a program on host "{host}" with "start": "spawn"',
  'schema.realSession': 'a SocketLab real session',
  'schema.timeOrder': 'a time of at least {min} ms (records are in time order)',
  'schema.maxBytes': 'at most {max} bytes',
  'schema.spawnedOnce': 'a program that exactly one "spawn" step starts ({count} do)',
} as const;

export type SchemaKey = keyof typeof schemaEn;

export const schemaZhCN: Record<SchemaKey, string> = {
  'schema.json': '有效的 JSON',
  'schema.jsonAt': '有效的 JSON（错误在第 {pos} 个字符附近）',

  'schema.type.string': '字符串',
  'schema.type.number': '数字',
  'schema.type.int': '整数',
  'schema.type.boolean': '布尔值 true 或 false',
  'schema.type.object': '对象（{ … }）',
  'schema.type.array': '列表（[ … ]）',
  'schema.type.other': '类型为 {type} 的值',
  'schema.missing.string': '字符串（此项缺失）',
  'schema.missing.number': '数字（此项缺失）',
  'schema.missing.int': '整数（此项缺失）',
  'schema.missing.boolean': '布尔值 true 或 false（此项缺失）',
  'schema.missing.object': '对象（{ … }）（此项缺失）',
  'schema.missing.array': '列表（[ … ]）（此项缺失）',
  'schema.missing.other': '类型为 {type} 的值（此项缺失）',

  'schema.unknownKey': '不含键 {keys}（它不属于该格式）',
  'schema.discriminator': '已知的 "{key}" 值：{values}',
  'schema.union': '允许的形式之一',
  'schema.oneOf': '以下之一：{values}',
  'schema.literal': '恰好为 {value}',
  'schema.min': '不小于 {min} 的数',
  'schema.above': '大于 {min} 的数',
  'schema.max': '不大于 {max} 的数',
  'schema.below': '小于 {max} 的数',
  'schema.minItems': '至少 {min} 项',
  'schema.maxItems': '至多 {max} 项',
  'schema.minLength': '至少 {min} 个字符',
  'schema.maxLength': '至多 {max} 个字符',
  'schema.format': '格式正确的值',
  'schema.other': '有效的值',

  'schema.ipv4': '点分十进制的 IPv4 地址，例如 10.0.0.1',
  'schema.hostName': '主机名：以字母开头，后跟字母、数字、_ 或 -（最多 32 个）',
  'schema.sockName': '套接字名称：以字母或 _ 开头，后跟字母、数字或 _（最多 32 个）',
  'schema.port': '介于 0 和 65535 之间的端口号',
  'schema.probability': '介于 0 和 1 之间的概率',
  'schema.msMin': '以毫秒为单位、不小于 0 的时长',
  'schema.msMax': '不超过一天（86400000 毫秒）的时长',
  'schema.seed': '介于 0 和 4294967295 之间的整数种子',
  'schema.dataLength': '不超过 1,000,000 个字符的字符串',
  'schema.fillerBytes': '介于 0 和 {max} 之间的整数填充字节数',
  'schema.data': '字符串，或表示填充字节的 { "bytes": N }',
  'schema.localized': '字符串，或 { "en": …, "zh-CN": … }',
  'schema.backlog': '介于 0 和 4096 之间的 backlog',
  'schema.target': '主机名或 IPv4 地址',
  'schema.pollSocks': '包含 1 到 64 个套接字名称的列表',
  'schema.mss': '介于 88 和 65495 之间的 MSS',
  'schema.bandwidth': '大于 0 的带宽（字节/秒），或 null（不限）',
  'schema.mtu': '介于 68 和 65536 之间的 MTU（Linux 回环接口的上限）',
  'schema.nth': '从 1 起的整数（nth 从 1 开始数匹配的数据包）',

  'schema.noHost': '至少一台主机',
  'schema.ipUsed': '未被主机 "{host}" 占用的地址',
  'schema.hostOf': '已定义的主机之一（{hosts}）',
  'schema.targetOf': '主机名（{hosts}）或 IPv4 地址',
  'schema.sockOf': '在主机 "{host}" 上用 "as" 创建的套接字（没有名为 "{name}" 的套接字）',
  'schema.spawnTarget': '主机 "{host}" 上一个 "start": "spawn" 的程序的序号',
  'schema.realSession': '真实会话文件（SocketLab 格式）',
  'schema.timeOrder': '不早于 {min} 毫秒的时间（记录按时间顺序排列）',
  'schema.maxBytes': '不超过 {max} 字节',
  'schema.spawnedOnce': '恰好由一个 "spawn" 步骤启动的程序（现在有 {count} 个）',
};

export function isSchemaKey(x: unknown): x is SchemaKey {
  return typeof x === 'string' && Object.prototype.hasOwnProperty.call(schemaEn, x);
}

/** English text for the CLI and for `ScenarioError.message`. */
export function schemaTextEn(key: SchemaKey, params: Record<string, string | number> = {}): string {
  return schemaEn[key].replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}
