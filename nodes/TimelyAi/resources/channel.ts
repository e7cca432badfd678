// Channels with configuration, QR code, conversations and widget (document section CHANNELS),
// and custom fields (CUSTOM FIELDS).
import { responseToBinaryFromJson } from '../qrCode';
import { sortAndOrder, timelyResource } from '../schema';

const CHANNEL_TYPES = ['whatsapp', 'telegram', 'email', 'website'] as const;
const channelParam = { name: 'channelId', label: 'Channel', picker: 'searchChannels' };
const one = '/v1/channels/{channelId}';

export const channel = timelyResource('channel', [
	{ value: 'create', name: 'Create', action: 'Create a channel', description: 'Create a WhatsApp, Telegram, email or website channel', method: 'POST', path: '/v1/channels',
		body: { mode: 'create', fields: [
			{ key: 'name', label: 'Name', type: 'string', required: true, min: 1, max: 255 },
			{ key: 'type', label: 'Type', type: 'options', required: true, options: CHANNEL_TYPES },
			{ key: 'agent_id', label: 'Agent', type: 'uuid', required: true, picker: 'searchAgents' },
		] } },
	{ value: 'delete', name: 'Delete', action: 'Delete a channel', description: 'Permanently delete a channel', method: 'DELETE', path: one, params: [channelParam] },
	{ value: 'getAll', name: 'Get Many', action: 'Get many channels', description: 'List channels by type or status', method: 'GET', path: '/v1/channels', list: true,
		query: [
			...sortAndOrder(['created_at', 'updated_at', 'name', 'type', 'status'], true),
			{ key: 'type', label: 'Type', type: 'options', options: CHANNEL_TYPES },
			{ key: 'status', label: 'Status', type: 'options', options: ['active', 'inactive', 'connecting', 'error'] },
		] },
	{ value: 'getConfig', name: 'Get Configuration', action: 'Get channel configuration', description: 'Get the provider, welcome message, auto-reply and business hours', method: 'GET', path: `${one}/config`, params: [channelParam] },
	{ value: 'getQrCode', name: 'Get QR Code', action: 'Get a WhatsApp QR code', description: 'Get the QR code that connects a WhatsApp channel, as a PNG image', method: 'GET', path: `${one}/qr-code`, params: [channelParam],
		postReceive: [responseToBinaryFromJson()],
		extraFields: [{ displayName: 'Put Output File in Field', name: 'binaryPropertyName', type: 'string', required: true, default: 'data', hint: 'The name of the output binary field to put the QR code image in' }] },
	{ value: 'getWidgetLinks', name: 'Get Widget Links', action: 'Get widget links', description: 'Get the script, iframe and embed code of the website widget', method: 'GET', path: `${one}/widget/links`, params: [channelParam] },
	{ value: 'startConversation', name: 'Start Conversation', action: 'Start a conversation on a channel and get its ID', description: 'Start a conversation with a contact (existing or new) on this channel', method: 'POST', path: `${one}/conversation`, params: [channelParam],
		body: { mode: 'create', fields: [
			{ key: 'contact_id', label: 'Contact ID', type: 'uuid', picker: 'searchContacts' },
			{ key: 'customer_name', label: 'Customer Name', type: 'string', max: 255 },
			{ key: 'customer_phone', label: 'Customer Phone', type: 'string', max: 50 },
			{ key: 'customer_email', label: 'Customer Email', type: 'email', max: 255 },
			{ key: 'initial_message', label: 'Initial Message', type: 'text' },
		] } },
	{ value: 'update', name: 'Update', action: 'Update a channel', description: 'Rename a channel or move it to another agent', method: 'PUT', path: one, params: [channelParam],
		body: { mode: 'update', fields: [
			{ key: 'name', label: 'Name', type: 'string', min: 1, max: 255 },
			{ key: 'agent_id', label: 'Agent ID', type: 'uuid', picker: 'searchAgents' },
		] } },
	{ value: 'updateConfig', name: 'Update Configuration', action: 'Update channel configuration', description: 'Change the given configuration values (empty text clears a value)', method: 'PUT', path: `${one}/config`, params: [channelParam],
		body: { mode: 'update', fields: [
			{ key: 'provider', label: 'Provider', type: 'string', nullable: true },
			{ key: 'api_key', label: 'Provider API Key', type: 'string', nullable: true },
			{ key: 'welcome_message', label: 'Welcome Message', type: 'text', nullable: true },
			{ key: 'auto_reply', label: 'Auto Reply', type: 'boolean' },
			{ key: 'business_hours', label: 'Business Hours', type: 'json', nullable: true, description: 'Business hours configuration, as a JSON object' },
		] } },
	{ value: 'updateWidget', name: 'Update Widget Settings', action: 'Update widget settings', description: 'Change the look of the website widget', method: 'PUT', path: `${one}/widget/settings`, params: [channelParam],
		body: { mode: 'update', fields: [
			{ key: 'primary_color', label: 'Primary Color', type: 'string', nullable: true, pattern: { regex: /^#([0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$/, hint: 'a hex color such as #6366f1' } },
			{ key: 'position', label: 'Position', type: 'options', options: ['bottom-right', 'bottom-left'] },
			{ key: 'title', label: 'Title', type: 'string', nullable: true },
			{ key: 'subtitle', label: 'Subtitle', type: 'string', nullable: true },
			{ key: 'welcome_message', label: 'Welcome Message', type: 'text', nullable: true },
			{ key: 'avatar_url', label: 'Avatar URL', type: 'string', nullable: true },
			{ key: 'show_branding', label: 'Show Branding', type: 'boolean' },
		] } },
]);

const fieldParam = { name: 'fieldId', label: 'Custom Field', picker: 'searchCustomFields' };
const customFieldFields = (create: boolean) => [
	{ key: 'name', label: 'Name', type: 'string' as const, required: create, min: 1, max: 255 },
	{ key: 'field_type', label: 'Field Type', type: 'options' as const, options: ['text', 'number', 'date', 'select', 'multiselect', 'boolean'] },
	{ key: 'options', label: 'Options', type: 'list' as const, description: 'Choices for select and multiselect fields' },
	{ key: 'is_required', label: 'Is Required', type: 'boolean' as const },
	{ key: 'display_order', label: 'Display Order', type: 'integer' as const, min: 0 },
];

export const customField = timelyResource('customField', [
	{ value: 'archive', name: 'Archive', action: 'Archive a custom field', description: 'Archive a custom field (is_archived becomes true)', method: 'PUT', path: '/v1/custom-fields/{fieldId}/archive', params: [fieldParam] },
	{ value: 'create', name: 'Create', action: 'Create a custom field', description: 'Create a custom field', method: 'POST', path: '/v1/custom-fields', body: { mode: 'create', fields: customFieldFields(true) } },
	{ value: 'getAll', name: 'Get Many', action: 'Get many custom fields', description: 'List custom fields in display order', method: 'GET', path: '/v1/custom-fields', list: true, paged: false },
	{ value: 'update', name: 'Update', action: 'Update a custom field', description: 'Change the given fields of a custom field', method: 'PUT', path: '/v1/custom-fields/{fieldId}', params: [fieldParam], body: { mode: 'update', fields: customFieldFields(false) } },
]);
