//! `mixed-forms`: one version writes the same entity with two different full forms
//! ("Hezbollah" here, "Hizbullah" there). Short forms such as a surname alone or an
//! acronym are not mixing. The form to keep is the preferred one if the version uses it,
//! else the one it uses most (first used on a tie).

use std::collections::BTreeMap;

use super::{entity_label, SetContext};
use crate::finding::{Finding, Related, Rule};
use crate::glossary::{EntityId, FormId, Status};
use crate::matcher::Mention;

pub fn check(ctx: &SetContext, out: &mut Vec<Finding>) {
    let glossary = ctx.glossary;
    for version in ctx.versions {
        let doc = version.doc;
        let mut by_entity: BTreeMap<EntityId, Vec<&Mention>> = BTreeMap::new();
        for mention in &version.analysis.mentions {
            let form = glossary.form(mention.form);
            if !mention.via_source && form.status.is_accepted() && !form.short {
                by_entity.entry(mention.entity).or_default().push(mention);
            }
        }
        for (entity, mentions) in by_entity {
            let mut forms: Vec<(FormId, usize, usize)> = Vec::new(); // form, count, first index
            for (i, mention) in mentions.iter().enumerate() {
                match forms.iter_mut().find(|(f, _, _)| *f == mention.form) {
                    Some(slot) => slot.1 += 1,
                    None => forms.push((mention.form, 1, i)),
                }
            }
            if forms.len() < 2 {
                continue;
            }
            let dominant = forms
                .iter()
                .max_by_key(|(form, count, first)| {
                    let preferred = glossary.form(*form).status == Status::Preferred;
                    (preferred, *count, std::cmp::Reverse(*first))
                })
                .map(|(form, _, first)| (*form, *first))
                .expect("at least two forms");
            let kept = glossary.form(dominant.0);
            let first_kept = mentions[dominant.1];
            let label = entity_label(glossary, entity, ctx.source_lang);
            for mention in mentions.iter().filter(|m| m.form != dominant.0) {
                let found = &*doc.slice(mention.span.clone());
                let shown = crate::display::inline(found);
                out.push(Finding::at(Rule::MixedForms, doc, mention.span.clone(), format!(
                        "{label} is written '{shown}' here but '{}' elsewhere in this version; use one form",
                        kept.text
                    )).expected(Some(kept.text.to_string())).entity(&glossary.entity(entity).id).related(Related::of(doc, first_kept.span.clone(), "other form")));
            }
        }
    }
}
