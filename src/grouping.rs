//! Items grouped by a small integer key, in one counting pass: the tables built once per
//! glossary (a text's patterns, an index entry's forms) are flat arrays cut into runs.

/// Orders items by their key, keeping their order within a key: `order` lists item indexes
/// key by key, and key `k`'s items are `order[starts[k]..starts[k + 1]]`. Keys at or above
/// `groups` mark items left out. Returns `(starts, order)`.
pub fn group_by_key(keys: &[u32], groups: usize) -> (Vec<u32>, Vec<u32>) {
    let mut starts = vec![0u32; groups + 1];
    for &key in keys {
        if (key as usize) < groups {
            starts[key as usize + 1] += 1;
        }
    }
    for k in 1..starts.len() {
        starts[k] += starts[k - 1];
    }
    let mut order = vec![0u32; starts[groups] as usize];
    let mut next = starts.clone();
    for (item, &key) in keys.iter().enumerate() {
        if (key as usize) < groups {
            order[next[key as usize] as usize] = item as u32;
            next[key as usize] += 1;
        }
    }
    (starts, order)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_are_grouped_stably_and_out_of_range_keys_left_out() {
        let (starts, order) = group_by_key(&[2, 0, u32::MAX, 2, 0, 1], 4);
        assert_eq!(starts, [0, 2, 3, 5, 5]);
        assert_eq!(order, [1, 4, 5, 0, 3]);
        assert_eq!(group_by_key(&[], 0), (vec![0], vec![]));
    }
}
