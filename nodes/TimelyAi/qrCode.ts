import type { IDataObject, IExecuteSingleFunctions, IN8nHttpFullResponse, INodeExecutionData, PostReceiveAction } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { extensionFor, safeFileName } from '../shared/binary';
import { decodeBody } from '../shared/errors';

/** postReceive: the QR code arrives as base64 (or a data URL) in JSON; emit it as a binary image (PNG unless the data URL says otherwise). */
export function responseToBinaryFromJson(): PostReceiveAction {
	return async function (this: IExecuteSingleFunctions, _items: INodeExecutionData[], response: IN8nHttpFullResponse) {
		const body = decodeBody(response.body) as IDataObject;
		const data = (body?.data ?? {}) as IDataObject;
		const encoded = String(data.qr_code ?? '');
		const match = /^data:([^;]+);base64,(.*)$/s.exec(encoded);
		const bytes = Buffer.from(match ? match[2] : encoded, 'base64');
		if (!encoded || bytes.length === 0) {
			throw new NodeApiError(this.getNode(), { qr_code: encoded.slice(0, 50) }, { message: 'Timely AI returned no QR code', itemIndex: this.getItemIndex() });
		}
		const mimeType = match ? match[1] : 'image/png';
		const property = this.getNodeParameter('binaryPropertyName', 'data') as string;
		const channelId = String(this.getNodeParameter('channelId', '', { extractValue: true }));
		const fileName = safeFileName(`qr-code-${channelId}.${extensionFor(mimeType)}`, 'qr-code.png');
		const binary = await this.helpers.prepareBinaryData(bytes, fileName, mimeType);
		return [{ json: { expires_at: data.expires_at, mimeType, fileSize: bytes.length }, binary: { [property]: binary }, pairedItem: { item: this.getItemIndex() } }];
	};
}
