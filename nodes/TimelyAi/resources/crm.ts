// Contacts, leads, opportunities and pipeline columns (document sections CONTACTS, LEADS,
// OPPORTUNITIES, PIPELINE).
import type { Field } from '../schema';
import { sortAndOrder, timelyResource } from '../schema';

const CONTACT_STATUSES = ['active', 'inactive', 'blocked'] as const;
const LEAD_STATUSES = ['new', 'contacted', 'qualified', 'proposal', 'negotiation', 'won', 'lost'] as const;
const STAGES = ['prospecting', 'qualification', 'proposal', 'negotiation', 'closing', 'won', 'lost'] as const;

const contactFields = (create: boolean): Field[] => [
	{ key: 'customer_name', label: 'Name', type: 'string', required: create, min: 1, max: 255 },
	{ key: 'customer_phone', label: 'Phone', type: 'string', max: 50, placeholder: '+5547999999999' },
	{ key: 'customer_email', label: 'Email', type: 'email', max: 255, placeholder: 'name@email.com' },
	{ key: 'customer_company', label: 'Company', type: 'string', max: 255 },
	{ key: 'customer_position', label: 'Job Title', type: 'string', max: 255 },
	{ key: 'tags', label: 'Tags', type: 'list' },
	{ key: 'notes', label: 'Notes', type: 'text' },
	{ key: 'source', label: 'Source', type: 'string', max: 100, description: 'Where the contact came from, e.g. website or referral' },
	{ key: 'status', label: 'Status', type: 'options', options: CONTACT_STATUSES },
	{ key: 'metadata', label: 'Metadata', type: 'json', description: 'Free-form additional data' },
];

const leadFields = (create: boolean): Field[] => [
	{ key: 'customer_name', label: 'Name', type: 'string', required: create, min: 1, max: 255 },
	{ key: 'customer_phone', label: 'Phone', type: 'string', max: 50 },
	{ key: 'customer_email', label: 'Email', type: 'email', max: 255, placeholder: 'name@email.com' },
	{ key: 'status', label: 'Status', type: 'options', options: LEAD_STATUSES },
	{ key: 'score', label: 'Score', type: 'integer', min: 0, max: 100 },
	{ key: 'budget_range', label: 'Budget Range', type: 'string', max: 100 },
	{ key: 'pain_points', label: 'Pain Points', type: 'list' },
	{ key: 'contact_id', label: 'Contact ID', type: 'uuid', picker: 'searchContacts', description: 'Associated contact' },
	{ key: 'qualification_data', label: 'Qualification Data', type: 'json' },
];

const opportunityFields = (create: boolean): Field[] => [
	{ key: 'title', label: 'Title', type: 'string', required: create, min: 1, max: 255 },
	{ key: 'lead_id', label: 'Lead ID', type: 'uuid', picker: 'searchLeads' },
	{ key: 'value', label: 'Value', type: 'number', min: 0, description: 'Estimated value' },
	{ key: 'probability', label: 'Probability', type: 'integer', min: 0, max: 100, description: 'Closing probability in percent' },
	{ key: 'stage', label: 'Stage', type: 'options', options: STAGES },
];

/** Create, Delete, Get, Get Many, Update for one CRM record type. */
function crud(path: string, param: { name: string; label: string; picker?: string }, noun: string, fields: (create: boolean) => Field[], query: Field[]) {
	const one = `${path}/{${param.name}}`;
	return timelyResource(noun.toLowerCase(), [
		{ value: 'create', name: 'Create', action: `Create a ${noun.toLowerCase()}`, description: `Create a ${noun.toLowerCase()}`, method: 'POST', path, body: { mode: 'create', fields: fields(true) } },
		{ value: 'delete', name: 'Delete', action: `Delete a ${noun.toLowerCase()}`, description: `Permanently delete a ${noun.toLowerCase()}`, method: 'DELETE', path: one, params: [param] },
		{ value: 'get', name: 'Get', action: `Get a ${noun.toLowerCase()}`, description: `Get a ${noun.toLowerCase()}`, method: 'GET', path: one, params: [param] },
		{ value: 'getAll', name: 'Get Many', action: `Get many ${noun.toLowerCase()}s`, description: `List ${noun.toLowerCase()}s with filters`, method: 'GET', path, list: true, query },
		{ value: 'update', name: 'Update', action: `Update a ${noun.toLowerCase()}`, description: `Change the given fields of a ${noun.toLowerCase()}`, method: 'PUT', path: one, params: [param], body: { mode: 'update', fields: fields(false) } },
	]);
}

export const contact = crud('/v1/contacts', { name: 'contactId', label: 'Contact', picker: 'searchContacts' }, 'Contact', contactFields, [
	...sortAndOrder(['created_at', 'updated_at', 'customer_name', 'customer_email', 'status'], true),
	{ key: 'status', label: 'Status', type: 'options', options: CONTACT_STATUSES },
]);

export const lead = crud('/v1/leads', { name: 'leadId', label: 'Lead', picker: 'searchLeads' }, 'Lead', leadFields, [
	...sortAndOrder(['created_at', 'updated_at', 'customer_name', 'status', 'score'], true),
	{ key: 'status', label: 'Status', type: 'options', options: LEAD_STATUSES },
]);

export const opportunity = crud('/v1/opportunities', { name: 'opportunityId', label: 'Opportunity', picker: 'searchOpportunities' }, 'Opportunity', opportunityFields, [
	...sortAndOrder(['created_at', 'updated_at', 'title', 'value', 'probability', 'stage']),
	{ key: 'stage', label: 'Stage', type: 'options', options: STAGES },
	{ key: 'lead_id', label: 'Lead ID', type: 'uuid', picker: 'searchLeads' },
]);

export const pipeline = timelyResource('pipeline', [
	{ value: 'getColumns', name: 'Get Columns', action: 'Get pipeline columns', description: 'List the sales pipeline columns in order', method: 'GET', path: '/v1/pipeline/columns', list: true, paged: false },
]);
