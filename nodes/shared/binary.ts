import type { IExecuteSingleFunctions, IN8nHttpFullResponse, INodeExecutionData, PostReceiveAction } from 'n8n-workflow';

import { bodyToText } from './errors';

/** The parameters of a Content-Disposition header (RFC 6266): quoted strings unescaped, tokens as sent; the first of each name wins. */
function dispositionParameters(header: string): Map<string, string> {
	const parameters = new Map<string, string>();
	for (const match of header.matchAll(/;\s*([^\s=;]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)/g)) {
		const name = match[1].toLowerCase();
		let value = match[2].trim();
		if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1).replace(/\\(.)/g, '$1');
		if (!parameters.has(name)) parameters.set(name, value);
	}
	return parameters;
}

/** An RFC 8187 ext-value (`UTF-8''call%20%C3%A9.mp3`) decoded; bad escapes stay as they are and bad bytes become U+FFFD, so it never throws. */
function decodeExtValue(value: string): string | undefined {
	const match = /^([^']*)'[^']*'(.*)$/.exec(value);
	if (!match) return undefined;
	const bytes: number[] = [];
	const text = match[2];
	for (let i = 0; i < text.length; i++) {
		const escape = /^%([0-9a-f]{2})/i.exec(text.slice(i, i + 3));
		if (escape) {
			bytes.push(parseInt(escape[1], 16));
			i += 2;
		} else {
			bytes.push(...Buffer.from(text[i], 'utf8'));
		}
	}
	const latin1 = /^iso-8859-1$/i.test(match[1]);
	return Buffer.from(bytes).toString(latin1 ? 'latin1' : 'utf8');
}

/** The file name a Content-Disposition header gives: `filename*` first (RFC 6266), else `filename` as sent (not percent-decoded). */
export function fileNameFrom(disposition: unknown): string | undefined {
	const parameters = dispositionParameters(String(disposition ?? ''));
	const extended = parameters.has('filename*') ? decodeExtValue(parameters.get('filename*')!) : undefined;
	return extended || parameters.get('filename') || undefined;
}

// Controls, and the invisible direction marks that can make "mp3.exe" read as "exe.mp3".
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** Characters Windows refuses in file names. */
const RESERVED_CHARACTERS = /[<>:"|?*]/g;
const MAX_FILE_NAME_BYTES = 255;

/**
 * A name safe to store and to write to disk: the last path segment only, without control or
 * direction characters, `..` or characters Windows refuses, at most 255 bytes (the extension
 * kept); `fallback` when nothing usable is left.
 */
export function safeFileName(name: string, fallback: string): string {
	let safe = name
		.replace(UNSAFE_CHARACTERS, '')
		.split(/[/\\]/)
		.pop()!
		.replace(RESERVED_CHARACTERS, '_')
		.replace(/\.{2,}/g, '.')
		.trim();
	if (/^\.*$/.test(safe)) return fallback === name ? 'download' : safeFileName(fallback, fallback);
	if (Buffer.byteLength(safe) <= MAX_FILE_NAME_BYTES) return safe;
	const dot = safe.lastIndexOf('.');
	const extension = dot > 0 && safe.length - dot <= 16 ? safe.slice(dot) : '';
	return truncateBytes(safe.slice(0, safe.length - extension.length), MAX_FILE_NAME_BYTES - Buffer.byteLength(extension)) + extension;
}

/** The longest start of `text` that fits in `maxBytes` of UTF-8, cut between characters. */
function truncateBytes(text: string, maxBytes: number): string {
	let result = '';
	let bytes = 0;
	for (const character of text) {
		bytes += Buffer.byteLength(character);
		if (bytes > maxBytes) break;
		result += character;
	}
	return result;
}

/** File extensions of the types the providers serve (audio recordings, images, documents). */
const EXTENSIONS: Record<string, string> = {
	'audio/mpeg': 'mp3',
	'audio/mp3': 'mp3',
	'audio/wav': 'wav',
	'audio/wave': 'wav',
	'audio/x-wav': 'wav',
	'audio/ogg': 'ogg',
	'audio/webm': 'webm',
	'audio/mp4': 'm4a',
	'audio/aac': 'aac',
	'audio/flac': 'flac',
	'image/png': 'png',
	'image/jpeg': 'jpg',
	'image/gif': 'gif',
	'image/webp': 'webp',
	'image/svg+xml': 'svg',
	'application/pdf': 'pdf',
	'application/json': 'json',
	'text/plain': 'txt',
	'text/csv': 'csv',
};

/** The usual extension of a MIME type (parameters ignored); `bin` when it is unknown. */
export function extensionFor(mimeType: string): string {
	return EXTENSIONS[mimeType.split(';')[0].trim().toLowerCase()] ?? 'bin';
}

/**
 * postReceive: stores the response bytes as binary data in the property named by the
 * `binaryPropertyName` parameter, with the MIME type the server sent and its file name, or,
 * without a Content-Disposition name, `baseName` plus the extension of that MIME type.
 * Requests using it set `encoding: 'arraybuffer'`.
 */
export function responseToBinary(baseName: (context: IExecuteSingleFunctions) => string): PostReceiveAction {
	return async function (this: IExecuteSingleFunctions, _items: INodeExecutionData[], response: IN8nHttpFullResponse) {
		const body = response.body as unknown;
		const data = Buffer.isBuffer(body) ? body : body instanceof ArrayBuffer ? Buffer.from(body) : Buffer.from(bodyToText(body));
		const headers = response.headers ?? {};
		const mimeType = String(headers['content-type'] ?? 'application/octet-stream').split(';')[0].trim();
		// The fallback is built from an ID, which may hold a slash: it stays part of the name.
		const fallback = safeFileName(`${baseName(this).replace(/[/\\]/g, '_')}.${extensionFor(mimeType)}`, `download.${extensionFor(mimeType)}`);
		const fileName = safeFileName(fileNameFrom(headers['content-disposition']) ?? fallback, fallback);
		const property = this.getNodeParameter('binaryPropertyName', 'data') as string;
		const binary = await this.helpers.prepareBinaryData(data, fileName, mimeType);
		return [
			{
				json: { fileName, mimeType, fileSize: data.length },
				binary: { [property]: binary },
				pairedItem: { item: this.getItemIndex() },
			},
		];
	};
}
