package shingle

// UnionFind is a disjoint-set forest over the integers 0..n-1, with union
// by size and path halving: it groups the candidate pairs an [LSH] index
// finds into sets. Which member [UnionFind.Find] returns for a set is not
// specified; group by it, do not rely on it. The zero value is an empty
// forest; use [NewUnionFind].
type UnionFind struct {
	parent []int32
	size   []int32
}

// NewUnionFind returns a forest of n singleton sets (n at most MaxInt32).
func NewUnionFind(n int) *UnionFind {
	u := &UnionFind{parent: make([]int32, n), size: make([]int32, n)}
	for i := range u.parent {
		u.parent[i] = int32(i)
		u.size[i] = 1
	}
	return u
}

// Len returns n, the number of elements.
func (u *UnionFind) Len() int { return len(u.parent) }

// Find returns the representative of the set holding x.
func (u *UnionFind) Find(x int) int {
	for int(u.parent[x]) != x {
		u.parent[x] = u.parent[u.parent[x]]
		x = int(u.parent[x])
	}
	return x
}

// Union merges the sets holding a and b.
func (u *UnionFind) Union(a, b int) {
	ra, rb := u.Find(a), u.Find(b)
	if ra == rb {
		return
	}
	if u.size[ra] < u.size[rb] {
		ra, rb = rb, ra
	}
	u.parent[rb] = int32(ra)
	u.size[ra] += u.size[rb]
}

// Groups returns the sets of two or more elements, each in increasing
// order, ordered by their smallest element.
func (u *UnionFind) Groups() [][]int {
	n := len(u.parent)
	size := make([]int32, n)
	for i := range n {
		size[u.Find(i)]++
	}
	index := make([]int32, n) // 1 + the group of a root, 0 before it has one
	var gs [][]int
	for i := range n {
		r := u.Find(i)
		if size[r] < 2 {
			continue
		}
		if index[r] == 0 {
			gs = append(gs, make([]int, 0, size[r]))
			index[r] = int32(len(gs))
		}
		gs[index[r]-1] = append(gs[index[r]-1], i)
	}
	return gs
}
