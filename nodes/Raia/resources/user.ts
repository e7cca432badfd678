// Conversation users, their limits, message feedback and resource-usage logs (Agent Secret Key).
import { schemaResource } from '../../shared/schema';
import { agentKey, raia } from '../api';
import { limitFields } from './agent';

const userParam = { name: 'userId', label: 'User', picker: 'searchUsers', format: 'string' as const };
const one = '/external/users/{userId}';

export const user = schemaResource(raia, 'user', [
	{ value: 'create', name: 'Create', action: 'Create a conversation user', description: 'Create a user identified by phone number, email or your own ID (fkId): give at least one', method: 'POST', path: '/external/users',
		body: { mode: 'create', fields: [
			{ key: 'firstName', label: 'First Name', type: 'string', required: true, min: 1 },
			{ key: 'lastName', label: 'Last Name', type: 'string', required: true, min: 1 },
			// No format is given for either (the API validates them unless told to skip): sent as typed.
			{ key: 'phoneNumber', label: 'Phone Number', type: 'string', placeholder: '+14155550123' },
			{ key: 'email', label: 'Email', type: 'string', placeholder: 'name@email.com' },
			{ key: 'fkId', label: 'External ID (fkId)', type: 'string' },
			{ key: 'fkUserId', label: 'External User ID (fkUserId)', type: 'string' },
			{ key: 'context', label: 'Context', type: 'text' },
			{ key: 'source', label: 'Source', type: 'string' },
			{ key: 'customData', label: 'Custom Data', type: 'json' },
			{ key: 'skipPhoneNumberValidation', label: 'Skip Phone Number Validation', type: 'boolean' },
			{ key: 'skipEmailValidation', label: 'Skip Email Validation', type: 'boolean' },
		] },
		// The OpenAPI body is oneOf: with phoneNumber, with email, or with fkId.
		bodyRule: (body) => (body.phoneNumber || body.email || body.fkId ? undefined : ['Additional Fields', 'must include a Phone Number, an Email or an External ID (fkId) to identify the user']) },
	{ value: 'delete', name: 'Delete', action: 'Delete a conversation user', description: 'Delete a conversation user', method: 'DELETE', path: one, params: [userParam] },
	{ value: 'get', name: 'Get', action: 'Get a conversation user', description: 'Get a conversation user', method: 'GET', path: one, params: [userParam] },
	{ value: 'search', name: 'Search', action: 'Find a user by contact details', description: 'Find a user by email, phone number or fkId, with their conversation IDs', method: 'GET', path: '/external/users/search',
		query: [
			{ key: 'email', label: 'Email', type: 'string' },
			{ key: 'phoneNumber', label: 'Phone Number', type: 'string' },
			{ key: 'fkId', label: 'External ID (fkId)', type: 'string' },
		] },
	{ value: 'getLimits', name: 'Get Limits', action: 'Get user limits', description: 'Get the monthly limits of a user', method: 'GET', path: `${one}/limits`, params: [userParam] },
	{ value: 'createLimits', name: 'Create Limits', action: 'Create user limits', description: 'Set monthly limits for a user', method: 'POST', path: `${one}/limits`, params: [userParam], body: { mode: 'create', fields: limitFields(true) } },
	{ value: 'updateLimits', name: 'Update Limits', action: 'Update user limits', description: 'Change the monthly limits of a user (all four values)', method: 'PUT', path: `${one}/limits`, params: [userParam], body: { mode: 'create', fields: limitFields(true) } },
	{ value: 'deleteLimits', name: 'Delete Limits', action: 'Delete user limits', description: 'Remove the monthly limits of a user', method: 'DELETE', path: `${one}/limits`, params: [userParam] },
], agentKey);

export const feedback = schemaResource(raia, 'feedback', [
	{ value: 'createOrUpdate', name: 'Create or Update', action: 'Rate an answer', description: 'Vote an agent answer up or down, with an optional comment', method: 'POST', path: '/external/conversation-message-feedbacks',
		body: { mode: 'create', fields: [
			{ key: 'conversationMessageId', label: 'Conversation Message ID', type: 'uuid', required: true },
			{ key: 'userId', label: 'User ID', type: 'uuid', required: true },
			{ key: 'voteType', label: 'Vote', type: 'options', required: true, options: ['up', 'down'] },
			{ key: 'question', label: 'Question', type: 'text', required: true, min: 1 },
			{ key: 'answer', label: 'Answer', type: 'text' },
			{ key: 'comment', label: 'Comment', type: 'text' },
		] } },
], agentKey);

export const resourceUsage = schemaResource(raia, 'resourceUsage', [
	{ value: 'log', name: 'Log', action: 'Log resource usage', description: 'Record tokens or voice seconds used outside raia against the agent', method: 'POST', path: '/external/resource-usage',
		body: { mode: 'create', fields: [
			{ key: 'type', label: 'Type', type: 'options', required: true, options: ['OPENAI_TOKENS', 'VAPI_SECONDS'] },
			{ key: 'amount', label: 'Amount', type: 'number', required: true, min: 0 },
		] } },
], agentKey);
