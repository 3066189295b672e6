package input

import (
	"maps"
	"slices"
	"strconv"
)

// IDs makes article IDs unique, by one rule for every command: among the
// articles sharing an ID, ordered by the caller (for [Load]: by path, then
// record), the first keeps the ID and the others get "-2", "-3", … in that
// order, skipping any ID already taken. Shared IDs are handled in sorted
// order, so the names depend only on the IDs and the order, not on the
// order the articles were read in.
//
// [IDs.Add] every article's ID as it is read, then call [IDs.Rename] once.
// The zero value is ready to use. A renamed ID is not a skipped input.
type IDs struct {
	taken map[string]int   // every ID added or given, with its article
	dups  map[string][]int // an ID added twice or more: its articles
}

// Add records that article i has ID id.
func (s *IDs) Add(id string, i int) {
	if s.taken == nil {
		s.taken = map[string]int{}
	}
	first, dup := s.taken[id]
	if !dup {
		s.taken[id] = i
		return
	}
	if s.dups == nil {
		s.dups = map[string][]int{}
	}
	if s.dups[id] == nil {
		s.dups[id] = []int{first}
	}
	s.dups[id] = append(s.dups[id], i)
}

// Rename gives every article but the first of each shared ID a new ID, as
// described on [IDs], calling rename(i, newID) for each in turn, and returns
// how many it renamed. cmp orders the articles of one ID.
func (s *IDs) Rename(cmp func(i, j int) int, rename func(i int, id string)) int {
	n := 0
	for _, id := range slices.Sorted(maps.Keys(s.dups)) {
		arts := s.dups[id]
		slices.SortStableFunc(arts, cmp)
		next := 2
		for _, i := range arts[1:] {
			alt := id + "-" + strconv.Itoa(next)
			for _, taken := s.taken[alt]; taken; _, taken = s.taken[alt] {
				next++
				alt = id + "-" + strconv.Itoa(next)
			}
			next++
			s.taken[alt] = i
			rename(i, alt)
			n++
		}
	}
	s.dups = nil
	return n
}
