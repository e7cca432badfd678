// Conversations and their messages (Agent Secret Key).
import type { IDataObject } from 'n8n-workflow';

import type { Field } from '../../shared/schema';
import { schemaResource } from '../../shared/schema';
import { agentKey, raia } from '../api';
import { sendThenWait, waitFields } from '../wait';

const conversationParam = { name: 'conversationId', label: 'Conversation', picker: 'searchConversations', format: 'string' as const };
const one = '/external/conversations/{conversationId}';
const files: Field = { key: 'files', label: 'Files', type: 'jsonArray', description: 'Uploaded files as [{"fileName", "storagePath"}] (storage paths come from Create File Upload URL)', check: (value) => ((value as IDataObject[]).every((f) => f && typeof f.fileName === 'string' && typeof f.storagePath === 'string') ? undefined : 'needs fileName and storagePath in every entry') };
const shared: Field[] = [
	{ key: 'firstName', label: 'First Name', type: 'string', required: true, min: 1 },
	{ key: 'lastName', label: 'Last Name', type: 'string', required: true, min: 1 },
];
const channel = (values: string[]) => ({ param: 'channel', values });

export const conversation = schemaResource(raia, 'conversation', [
	{ value: 'create', name: 'Create', action: 'Create a conversation', description: 'Create a conversation for an existing conversation user', method: 'POST', path: '/external/conversations',
		body: { mode: 'create', fields: [
			{ key: 'conversationUserId', label: 'Conversation User ID', type: 'string', required: true, min: 1 },
			{ key: 'title', label: 'Title', type: 'string', max: 255 },
			{ key: 'context', label: 'Context', type: 'text', max: 256000 },
			{ key: 'customData', label: 'Custom Data', type: 'json' },
			{ key: 'conversationStateId', label: 'Conversation State ID', type: 'string' },
		] } },
	{ value: 'deleteAllForUser', name: 'Delete All for User', action: 'Delete all conversations of a user', description: "Delete every conversation of a conversation user with this agent", method: 'DELETE', path: '/external/conversations',
		body: { mode: 'create', fields: [{ key: 'conversationUserId', label: 'Conversation User ID', type: 'string', required: true, min: 1 }] } },
	{ value: 'get', name: 'Get', action: 'Get a conversation', description: 'Get a conversation with its feedbacks', method: 'GET', path: one, params: [conversationParam] },
	{ value: 'getAll', name: 'Get Many', action: 'Get many conversations', description: 'List conversations by user, date range, keyword or feedback', method: 'GET', path: '/external/conversations', list: true,
		query: [
			{ key: 'orderBy', label: 'Order By', type: 'options', options: ['createdAt', 'updatedAt'] },
			{ key: 'orderDirection', label: 'Order Direction', type: 'options', options: ['DESC', 'ASC'] },
			{ key: 'searchKeyword', label: 'Search Keyword', type: 'string' },
			// format uuid in the OpenAPI: checked before sending.
			{ key: 'userId', label: 'User ID', type: 'uuid' },
			{ key: 'startDate', label: 'Start Date', type: 'dateTime' },
			{ key: 'endDate', label: 'End Date', type: 'dateTime' },
			{ key: 'withFeedbacksOnly', label: 'With Feedbacks Only', type: 'boolean' },
		] },
	{ value: 'getStates', name: 'Get States', action: 'Get conversation states', description: 'List the states a conversation can be in', method: 'GET', path: '/external/conversations/states', list: true, paged: false },
	{ value: 'start', name: 'Start', action: 'Start a conversation by email, SMS or voice and get its ID', description: 'Reach out to a person: the agent sends the first email, SMS or places a call', method: 'POST', path: '/external/conversations/start',
		body: { mode: 'create', fields: [
			{ key: 'channel', label: 'Channel', type: 'options', required: true, options: ['email', 'sms', 'voice'] },
			...shared,
			// The OpenAPI gives no format for email and phoneNumber (raia checks both unless told to skip
			// with the Skip … Validation fields): sent as typed, raia's answer passes through.
			{ key: 'email', label: 'Email', type: 'string', required: true, min: 1, when: channel(['email']) },
			{ key: 'emailSubject', label: 'Email Subject', type: 'string', required: true, min: 1, when: channel(['email']) },
			{ key: 'emailIntroduction', label: 'Email Introduction', type: 'text', required: true, min: 1, when: channel(['email']) },
			{ key: 'phoneNumber', label: 'Phone Number', type: 'string', required: true, min: 1, when: channel(['sms', 'voice']), placeholder: '+14155550123' },
			{ key: 'smsIntroduction', label: 'SMS Introduction', type: 'text', required: true, min: 1, when: channel(['sms']) },
			{ key: 'firstMessage', label: 'First Message', type: 'text', required: true, min: 1, when: channel(['voice']) },
			{ key: 'context', label: 'User Context', type: 'text' },
			{ key: 'conversationContext', label: 'Conversation Context', type: 'text' },
			{ key: 'source', label: 'Source', type: 'string' },
			{ key: 'fkId', label: 'External ID (fkId)', type: 'string' },
			{ key: 'fkUserId', label: 'External User ID (fkUserId)', type: 'string' },
			{ key: 'customData', label: 'Custom Data', type: 'json' },
			{ key: 'conversationStateId', label: 'Conversation State ID', type: 'string' },
			{ key: 'authorId', label: 'Author ID', type: 'string' },
			// Only the bodies of these channels have these fields (StartEmail/Sms/VoiceConversationBodyDTO);
			// the contact field a channel does not need is optional there.
			{ key: 'phoneNumber', label: 'Phone Number', type: 'string', when: channel(['email']), placeholder: '+14155550123' },
			{ key: 'email', label: 'Email', type: 'string', when: channel(['sms', 'voice']) },
			{ key: 'resetConversation', label: 'Reset Conversation', type: 'boolean', when: channel(['email', 'sms']) },
			{ key: 'includeSignatureInEmail', label: 'Include Signature in Email', type: 'boolean', when: channel(['email']) },
			{ key: 'includeSignatureInSms', label: 'Include Signature in SMS', type: 'boolean', when: channel(['sms']) },
			{ key: 'skipPhoneNumberValidation', label: 'Skip Phone Number Validation', type: 'boolean' },
			{ key: 'skipEmailValidation', label: 'Skip Email Validation', type: 'boolean' },
		] } },
	{ value: 'update', name: 'Update', action: 'Update a conversation', description: 'Change the title, context, status or state', method: 'PUT', path: one, params: [conversationParam],
		body: { mode: 'update', fields: [
			{ key: 'title', label: 'Title', type: 'string', max: 255 },
			{ key: 'context', label: 'Context', type: 'text', max: 256000 },
			{ key: 'status', label: 'Status', type: 'options', options: ['active', 'inactive', 'archived'] },
			{ key: 'conversationStateId', label: 'Conversation State ID', type: 'string' },
		] } },
	{ value: 'setMode', name: 'Set Mode', action: 'Set the conversation mode', description: 'Let the AI answer, or take over manually', method: 'PUT', path: `${one}/mode`, params: [conversationParam],
		body: { mode: 'create', fields: [{ key: 'mode', label: 'Mode', type: 'options', required: true, options: ['ai', 'manual'] }] } },
], agentKey);

export const message = schemaResource(raia, 'message', [
	{ value: 'getAll', name: 'Get Many', action: 'Get messages of a conversation', description: 'List the messages of a conversation', method: 'GET', path: `${one}/messages`, params: [conversationParam], list: true, paged: false,
		query: [
			{ key: 'orderDirection', label: 'Order Direction', type: 'options', options: ['ASC', 'DESC'] },
			{ key: 'shouldIncludeFeedbacks', label: 'Include Feedbacks', type: 'boolean' },
		] },
	{ value: 'send', name: 'Send', action: 'Send a message and get the answer', description: 'Send a message to the agent and wait for its answer in the same request', method: 'POST', path: `${one}/messages`, params: [conversationParam],
		body: { mode: 'create', fields: [{ key: 'message', label: 'Message', type: 'text', required: true, min: 1 }, { key: 'context', label: 'Context', type: 'text' }, files] } },
	{ value: 'sendAsync', name: 'Send Async', action: 'Send a message asynchronously and wait for the answer', description: 'Send a message; optionally poll until the answer is ready', method: 'POST', path: `${one}/messages/async`, params: [conversationParam],
		body: { mode: 'create', fields: [{ key: 'message', label: 'Message', type: 'text', required: true, min: 1 }, { key: 'context', label: 'Context', type: 'text' }, files] },
		execute: sendThenWait('id', (id, context) => `/external/conversations/${encodeURIComponent(String(context.getNodeParameter('conversationId', '', { extractValue: true })))}/messages/${encodeURIComponent(id)}/response-on`),
		extraFields: waitFields },
	{ value: 'getResponse', name: 'Get Response', action: 'Get the answer to a message', description: 'Get the status and answer for a message sent asynchronously', method: 'GET', path: `${one}/messages/{questionMessageId}/response-on`, params: [conversationParam, { name: 'questionMessageId', label: 'Question Message ID', format: 'string' }],
		// An answer without content means it is not ready yet: say so instead of outputting nothing.
		empty: { status: 'pending' } },
	{ value: 'sendManual', name: 'Send Manual', action: 'Send a manual message to the user', description: 'Send a message to the user as a human, not the AI', method: 'POST', path: `${one}/send-manual-message`, params: [conversationParam],
		body: { mode: 'create', fields: [
			{ key: 'message', label: 'Message', type: 'text', required: true, min: 1 },
			{ key: 'conversationMessageId', label: 'Reply to Message ID', type: 'string' },
			{ key: 'authorId', label: 'Author ID', type: 'string' },
			files,
		] } },
	{ value: 'createFileUploadUrl', name: 'Create File Upload URL', action: 'Create a file upload URL for a message', description: 'Get a signed URL to upload a file for a message, and its storage path', method: 'POST', path: `${one}/message-files/upload-url`, params: [conversationParam],
		body: { mode: 'create', fields: [{ key: 'fileName', label: 'File Name', type: 'string', required: true, min: 1 }, { key: 'contentType', label: 'Content Type', type: 'string', required: true, min: 1, placeholder: 'application/pdf' }] } },
	{ value: 'getFileUrl', name: 'Get File URL', action: 'Get a download URL for a message file', description: 'Get a signed download URL for a file of a message', method: 'GET', path: `${one}/message-files/{fileId}/signed-url`, params: [conversationParam, { name: 'fileId', label: 'File ID', format: 'string' }] },
], agentKey);
