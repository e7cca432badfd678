// The agent's knowledge files and its vector store (Agent Secret Key).
import { randomBytes } from 'crypto';
import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { schemaResource } from '../../shared/schema';
import { inputError } from '../../shared/validators';
import { agentKey, raia } from '../api';

const fileParam = { name: 'fileId', label: 'File', picker: 'searchAgentFiles', format: 'string' as const };

/** multipart/form-data with the binary file and autoAddToVectorStore, built by hand (no runtime dependencies). */
async function multipartFile(this: IExecuteSingleFunctions, options: IHttpRequestOptions) {
	const property = this.getNodeParameter('binaryPropertyName', 'data') as string;
	const binary = this.getInputData().binary?.[property];
	if (!binary) throw inputError(this.getNode(), this.getItemIndex(), 'Input Binary Field', `"${property}" is missing on the input item`);
	const data = await this.helpers.getBinaryDataBuffer(property);
	const fileName = (binary.fileName ?? 'file').replace(/["\r\n]/g, '_');
	const boundary = `----n8nRaia${randomBytes(12).toString('hex')}`;
	const part = (headers: string, content: Buffer | string) => [Buffer.from(`--${boundary}\r\n${headers}\r\n\r\n`), Buffer.isBuffer(content) ? content : Buffer.from(content), Buffer.from('\r\n')];
	options.body = Buffer.concat([
		...part(`Content-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${binary.mimeType || 'application/octet-stream'}`, data),
		...part('Content-Disposition: form-data; name="autoAddToVectorStore"', String(this.getNodeParameter('autoAddToVectorStore', true))),
		Buffer.from(`--${boundary}--\r\n`),
	]);
	options.json = false;
	options.headers = { ...options.headers, 'Content-Type': `multipart/form-data; boundary=${boundary}` };
	return options;
}

const uploadFields: INodeProperties[] = [
	{ displayName: 'Input Binary Field', name: 'binaryPropertyName', type: 'string', required: true, default: 'data', hint: 'The name of the input binary field containing the file' },
	{ displayName: 'Add to Vector Store', name: 'autoAddToVectorStore', type: 'boolean', default: true, description: 'Whether to index the file for the agent right away' },
];

export const agentFile = schemaResource(raia, 'agentFile', [
	{ value: 'upload', name: 'Upload', action: 'Upload an agent file', description: 'Upload a file from a binary field to the agent', method: 'POST', path: '/external/agent-files/upload', extraFields: uploadFields, preSend: [multipartFile] },
	{ value: 'getAll', name: 'Get Many', action: 'Get the agent files', description: 'List the files of the agent', method: 'GET', path: '/external/agent-files/by-api-key', list: true, paged: false },
	{ value: 'deleteMany', name: 'Delete Many', action: 'Delete agent files', description: 'Delete several files by ID', method: 'DELETE', path: '/external/agent-files',
		body: { mode: 'create', fields: [{ key: 'fileIds', label: 'File IDs', type: 'list', required: true }] },
		bodyRule: (body) => ((body.fileIds as string[]).length ? undefined : ['File IDs', 'must list at least one file ID']) },
	{ value: 'delete', name: 'Delete', action: 'Delete an agent file', description: 'Delete one file', method: 'DELETE', path: '/external/agent-files/{fileId}/delete', params: [fileParam] },
	{ value: 'addToVectorStore', name: 'Add to Vector Store', action: 'Add a file to the vector store', description: 'Index a file for the agent and wait until done', method: 'PUT', path: '/external/agent-files/{fileId}/add-to-vector-store', params: [fileParam] },
	{ value: 'addToVectorStoreAsync', name: 'Add to Vector Store Async', action: 'Add a file to the vector store without waiting', description: 'Start indexing a file and return at once', method: 'PUT', path: '/external/agent-files/{fileId}/add-to-vector-store/async', params: [fileParam] },
	{ value: 'removeFromVectorStore', name: 'Remove From Vector Store', action: 'Remove a file from the vector store', description: 'Stop the agent from using a file', method: 'DELETE', path: '/external/agent-files/{fileId}/delete-from-vector-store', params: [fileParam] },
], agentKey);
