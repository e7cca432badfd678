// Conversations and messages (document section CONVERSATIONS), interactions and chats.
import { sortAndOrder, timelyResource } from '../schema';

const conversationParam = { name: 'conversationId', label: 'Conversation', picker: 'searchConversations' };
const messageParam = { name: 'messageId', label: 'Message', picker: 'searchMessages' };
const content = { key: 'content', label: 'Content', type: 'text' as const, required: true, min: 1 };

export const conversation = timelyResource('conversation', [
	{ value: 'clearMessages', name: 'Clear Messages', action: 'Clear all messages of a conversation', description: 'Remove every message; the conversation stays, empty', method: 'DELETE', path: '/v1/conversations/{conversationId}/messages', params: [conversationParam] },
	{ value: 'delete', name: 'Delete', action: 'Delete a conversation', description: 'Permanently delete a conversation and its messages', method: 'DELETE', path: '/v1/conversations/{conversationId}', params: [conversationParam] },
	{ value: 'deleteMessage', name: 'Delete Message', action: 'Delete a message', description: 'Permanently delete one message', method: 'DELETE', path: '/v1/conversations/{conversationId}/messages/{messageId}', params: [conversationParam, messageParam] },
	{ value: 'editMessage', name: 'Edit Message', action: 'Edit a message', description: 'Replace the content of a message', method: 'PUT', path: '/v1/conversations/{conversationId}/messages/{messageId}', params: [conversationParam, messageParam], body: { mode: 'create', fields: [content] } },
	{ value: 'get', name: 'Get', action: 'Get a conversation', description: 'Get a conversation', method: 'GET', path: '/v1/conversations/{conversationId}', params: [conversationParam] },
	{
		value: 'getAll', name: 'Get Many', action: 'Get many conversations', description: 'List conversations, filtered by channel or status', method: 'GET', path: '/v1/conversations', list: true,
		query: [
			...sortAndOrder(['last_message_at', 'created_at', 'customer_name', 'channel', 'status'], true),
			{ key: 'channel', label: 'Channel', type: 'string', placeholder: 'whatsapp' },
			{ key: 'status', label: 'Status', type: 'string' },
		],
	},
	{ value: 'getMessages', name: 'Get Messages', action: 'Get messages of a conversation', description: 'List the messages of a conversation', method: 'GET', path: '/v1/conversations/{conversationId}/messages', params: [conversationParam], list: true,
		query: [{ key: 'sort', label: 'Sort By', type: 'string', placeholder: 'created_at', description: 'Field to sort by (the API sorts by created_at by default)' }, ...sortAndOrder()] },
	{
		value: 'handoff', name: 'Hand Off to Human', action: 'Hand a conversation off to a human', description: 'Stop the AI and transfer the conversation to human support', method: 'POST', path: '/v1/conversations/{conversationId}/human-handoff', params: [conversationParam],
		body: { mode: 'create', fields: [
			{ key: 'attendant_id', label: 'Attendant ID', type: 'uuid', description: 'Specific attendant; distributed automatically when empty' },
			{ key: 'reason', label: 'Reason', type: 'string', max: 500 },
		] },
	},
	{ value: 'resumeAi', name: 'Resume AI', action: 'Resume AI handling of a conversation', description: 'Give the conversation back to the AI after human support', method: 'POST', path: '/v1/conversations/{conversationId}/ai-resume', params: [conversationParam] },
	{
		value: 'sendMessage', name: 'Send Message', action: 'Send a message', description: 'Send a message in the conversation', method: 'POST', path: '/v1/conversations/{conversationId}/messages', params: [conversationParam],
		body: { mode: 'create', fields: [
			content,
			{ key: 'type', label: 'Type', type: 'options', options: ['text', 'image', 'audio', 'document'] },
			{ key: 'media_url', label: 'Media URL', type: 'url', description: 'Required for image, audio and document messages' },
		] },
		bodyRule: (body) => (body.type && body.type !== 'text' && !body.media_url ? ['Media URL', `is required for ${String(body.type)} messages`] : undefined),
	},
]);

const interactionParam = { name: 'interactionId', label: 'Interaction', picker: 'searchConversations' };

export const interaction = timelyResource('interaction', [
	{ value: 'close', name: 'Close', action: 'Close an interaction', description: "Close an interaction (status becomes 'closed')", method: 'DELETE', path: '/v1/interactions/{interactionId}', params: [interactionParam] },
	{
		value: 'getAll', name: 'Get Many', action: 'Get many interactions', description: 'List interactions by status, channel, agent or date range', method: 'GET', path: '/v1/interactions', list: true,
		query: [
			...sortAndOrder(),
			{ key: 'status', label: 'Status', type: 'options', options: ['active', 'closed', 'pending'] },
			{ key: 'channel', label: 'Channel', type: 'string' },
			{ key: 'agent_id', label: 'Agent ID', type: 'uuid', picker: 'searchAgents' },
			{ key: 'from', label: 'From', type: 'dateTime' },
			{ key: 'to', label: 'To', type: 'dateTime' },
		],
	},
	{ value: 'getMessages', name: 'Get Messages', action: 'Get messages of an interaction', description: 'List the messages of an interaction', method: 'GET', path: '/v1/interactions/{interactionId}/messages', params: [interactionParam], list: true, query: sortAndOrder() },
]);

const chatParam = { name: 'chatId', label: 'Chat', picker: 'searchConversations' };

export const chat = timelyResource('chat', [
	{ value: 'delete', name: 'Delete', action: 'Soft delete a chat', description: "Mark the chat deleted (status becomes 'deleted')", method: 'DELETE', path: '/v1/chats/{chatId}', params: [chatParam] },
	{ value: 'deleteMessage', name: 'Delete Message', action: 'Delete a chat message', description: 'Remove one message', method: 'DELETE', path: '/v1/chats/{chatId}/messages/{messageId}', params: [chatParam, messageParam] },
	{ value: 'deleteMessages', name: 'Delete All Messages', action: 'Delete all chat messages', description: 'Remove every message of the chat', method: 'DELETE', path: '/v1/chats/{chatId}/messages', params: [chatParam] },
	{ value: 'editMessage', name: 'Edit Message', action: 'Edit a chat message', description: 'Replace the content of a message; it is marked as edited', method: 'PUT', path: '/v1/chats/{chatId}/messages/{messageId}', params: [chatParam, messageParam], body: { mode: 'create', fields: [content] } },
	{ value: 'startHuman', name: 'Start Human Takeover', action: 'Start human takeover of a chat', description: 'Pause the AI and start human support', method: 'POST', path: '/v1/chats/{chatId}/start-human', params: [chatParam] },
	{ value: 'stopHuman', name: 'Stop Human Takeover', action: 'Stop human takeover of a chat', description: 'Give control back to the AI', method: 'POST', path: '/v1/chats/{chatId}/stop-human', params: [chatParam] },
]);
