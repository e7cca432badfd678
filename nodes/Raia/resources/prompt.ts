// One-off prompts to the agent (no conversation), sync or async with waiting.
import { schemaResource } from '../../shared/schema';
import type { Field } from '../../shared/schema';
import { agentKey, raia } from '../api';
import { sendThenWait, waitFields } from '../wait';

const promptFields: Field[] = [
	{ key: 'prompt', label: 'Prompt', type: 'text', required: true, min: 1 },
	{ key: 'tokenTrackingId', label: 'Token Tracking ID', type: 'string', description: 'Your own ID to group token usage' },
	{ key: 'files', label: 'Files', type: 'jsonArray', description: 'Uploaded files as [{"fileName", "storagePath"}]' },
];

export const prompt = schemaResource(raia, 'prompt', [
	{ value: 'send', name: 'Send', action: 'Send a prompt and get the answer', description: 'Send a prompt and wait for the answer in the same request', method: 'POST', path: '/external/prompts', body: { mode: 'create', fields: promptFields } },
	{ value: 'sendAsync', name: 'Send Async', action: 'Send a prompt asynchronously and wait for the answer', description: 'Create a prompt request; optionally poll until the answer is ready', method: 'POST', path: '/external/prompts/async', body: { mode: 'create', fields: promptFields },
		execute: sendThenWait('promptId', (id) => `/external/prompts/${encodeURIComponent(id)}/response-on`),
		extraFields: waitFields },
	{ value: 'getResponse', name: 'Get Response', action: 'Get the answer to a prompt', description: 'Get the status and answer of an async prompt', method: 'GET', path: '/external/prompts/{promptId}/response-on', params: [{ name: 'promptId', label: 'Prompt ID', format: 'string' }],
		// An answer without content means it is not ready yet: say so instead of outputting nothing.
		empty: { status: 'pending' } },
	{ value: 'createFileUploadUrl', name: 'Create File Upload URL', action: 'Create a file upload URL for a prompt', description: 'Get a signed URL to upload a file for a prompt, and its storage path', method: 'POST', path: '/external/prompts/upload-url',
		body: { mode: 'create', fields: [{ key: 'fileName', label: 'File Name', type: 'string', required: true, min: 1 }, { key: 'contentType', label: 'Content Type', type: 'string', required: true, min: 1 }] } },
], agentKey);
