import type { IExecuteSingleFunctions, IN8nHttpFullResponse, INodeExecutionData, PostReceiveAction } from 'n8n-workflow';

import { bodyToText } from './errors';

function fileNameFrom(disposition: unknown): string | undefined {
	const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(String(disposition ?? ''));
	return match ? decodeURIComponent(match[1]) : undefined;
}

/**
 * postReceive: stores the response bytes as binary data in the property named by the
 * `binaryPropertyName` parameter, with the MIME type and file name the server sent.
 * Requests using it set `encoding: 'arraybuffer'`.
 */
export function responseToBinary(defaultFileName: (context: IExecuteSingleFunctions) => string): PostReceiveAction {
	return async function (this: IExecuteSingleFunctions, _items: INodeExecutionData[], response: IN8nHttpFullResponse) {
		const body = response.body as unknown;
		const data = Buffer.isBuffer(body) ? body : body instanceof ArrayBuffer ? Buffer.from(body) : Buffer.from(bodyToText(body));
		const headers = response.headers ?? {};
		const mimeType = String(headers['content-type'] ?? 'application/octet-stream').split(';')[0].trim();
		const fileName = fileNameFrom(headers['content-disposition']) ?? defaultFileName(this);
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
