import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { operation, operationsOf, pathParameter } from '../../shared/routing';
import { formatBytes, inputError } from '../../shared/validators';
import { KNOWLEDGE_MAX_BYTES, convoSpec } from '../api';

const show = { resource: ['knowledge'] };

/** MIME types the upload endpoint accepts, as its document lists them (PDF / DOCX / HTML / TXT / MD; max 10 MB). */
const ACCEPTED_TYPES: Record<string, string> = {
	pdf: 'application/pdf',
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	html: 'text/html',
	htm: 'text/html',
	txt: 'text/plain',
	md: 'text/markdown',
	markdown: 'text/markdown',
};
const MIME_ALIASES: Record<string, string> = { 'text/x-markdown': 'text/markdown' };

/**
 * The file name as the X-Original-Name header value: printable ASCII (spaces included) goes as it
 * is, since the document shows a plain name and does not say the server decodes anything; only
 * what a header cannot carry (non-ASCII letters, control characters) is percent-encoded as UTF-8.
 */
export function headerFileName(name: string): string {
	return name.replace(/[^\x20-\x7e]+/g, (chars) => [...Buffer.from(chars, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''));
}

/** Reads the binary property, checks type and size, and sends the bytes as the body. */
async function attachFile(this: IExecuteSingleFunctions, options: IHttpRequestOptions) {
	const property = this.getNodeParameter('binaryPropertyName', 'data') as string;
	const itemIndex = this.getItemIndex();
	const binary = this.getInputData().binary?.[property];
	if (!binary) {
		throw inputError(this.getNode(), itemIndex, 'Input Binary Field', `"${property}" is missing on the input item`, 'Use the name of the binary property that holds the file, e.g. "data" from a Read File or HTTP Request node.');
	}
	const fileName = (this.getNodeParameter('fileName', '') as string) || binary.fileName || 'upload';
	const extension = fileName.split('.').pop()?.toLowerCase() ?? '';
	const declared = MIME_ALIASES[binary.mimeType] ?? binary.mimeType;
	const mimeType = Object.values(ACCEPTED_TYPES).includes(declared) ? declared : ACCEPTED_TYPES[extension];
	if (!mimeType) {
		throw inputError(this.getNode(), itemIndex, 'Input Binary Field', `holds "${fileName}" (${binary.mimeType}), which Convo cannot index`, 'Upload a PDF, DOCX, HTML, TXT or Markdown file.');
	}
	const data = await this.helpers.getBinaryDataBuffer(property);
	if (data.length > KNOWLEDGE_MAX_BYTES) {
		throw inputError(this.getNode(), itemIndex, 'Input Binary Field', `holds ${formatBytes(data.length)}; Convo accepts at most 10 MB per file`);
	}
	options.body = data;
	options.json = false;
	options.headers = { ...options.headers, 'Content-Type': mimeType, 'X-Original-Name': headerFileName(fileName) };
	return options;
}

export const knowledgeOperations = operationsOf('knowledge', 'upload', [
	operation(convoSpec, {
		name: 'Crawl URL',
		value: 'crawl',
		action: 'Crawl a URL into the knowledge base and get the job',
		description: 'Start a multi-page crawl; poll the job for progress',
		method: 'POST',
		url: '/knowledge/crawl',
	}),
	operation(convoSpec, {
		name: 'Get Job',
		value: 'getJob',
		action: 'Get a knowledge job',
		description: 'Get the status and progress of an upload or crawl job',
		method: 'GET',
		url: '/knowledge/jobs/{jobId}',
		preSend: [pathParameter('jobId', 'Job ID')],
	}),
	operation(convoSpec, {
		name: 'Upload File',
		value: 'upload',
		action: 'Upload a knowledge file',
		description: 'Upload a PDF, DOCX, HTML, TXT or Markdown file (max 10 MB) from a binary field',
		method: 'POST',
		url: '/knowledge/upload',
		preSend: [attachFile],
	}),
]);

export const knowledgeFields: INodeProperties[] = [
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		hint: 'The name of the input binary field containing the file to upload',
		displayOptions: { show: { ...show, operation: ['upload'] } },
	},
	{
		displayName: 'File Name',
		name: 'fileName',
		type: 'string',
		default: '',
		description: 'Name shown in Convo; defaults to the binary file name. Sent as it is in the X-Original-Name header, except characters a header cannot carry (non-ASCII letters, control characters), which are percent-encoded (UTF-8).',
		displayOptions: { show: { ...show, operation: ['upload'] } },
	},
	{
		displayName: 'URL',
		name: 'url',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'https://docs.example.com',
		description: 'Start page of the crawl',
		displayOptions: { show: { ...show, operation: ['crawl'] } },
		routing: { send: { type: 'body', property: 'url' } },
	},
	{
		displayName: 'Depth',
		name: 'depth',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 0 },
		default: 1,
		description: 'How many links deep to follow from the start page',
		displayOptions: { show: { ...show, operation: ['crawl'] } },
		routing: { send: { type: 'body', property: 'depth' } },
	},
	{
		displayName: 'Job ID',
		name: 'jobId',
		type: 'string',
		required: true,
		default: '',
		description: 'ID returned by Upload File or Crawl URL',
		displayOptions: { show: { ...show, operation: ['getJob'] } },
	},
];
