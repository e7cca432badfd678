import type { INodeProperties } from 'n8n-workflow';

const UUID_REGEX = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

function locator(name: string, displayName: string, searchListMethod: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'resourceLocator',
		required: true,
		default: { mode: 'list', value: '' },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: '3f2c8a9e-1b7d-4c55-9a0e-2d4b6f8c1a3e',
				validation: [{ type: 'regex', properties: { regex: UUID_REGEX, errorMessage: 'Not a valid ID (UUID)' } }],
			},
		],
	};
}

export const agentLocator = locator('agentId', 'Agent', 'searchAgents');
export const conversationLocator = locator('conversationId', 'Conversation', 'searchConversations');
