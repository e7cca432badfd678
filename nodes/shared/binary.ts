import type { IExecuteSingleFunctions, IN8nHttpFullResponse, INodeExecutionData, PostReceiveAction } from 'n8n-workflow';

import { bodyToText } from './errors';

function fileNameFrom(disposition: unknown): string | undefined {
	const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(String(disposition ?? ''));
	return match ? decodeURIComponent(match[1]) : undefined;
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
		const fileName = fileNameFrom(headers['content-disposition']) ?? `${baseName(this)}.${extensionFor(mimeType)}`;
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
