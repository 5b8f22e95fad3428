import { addCatalogue } from '../index.svelte';
import en from './en.json';
import vi from './vi.json';

/** The organizer's console catalogue (setup, units, people, audit, the contest's tabs). */
addCatalogue({ vi, en });
