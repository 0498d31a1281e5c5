package store

import (
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
)

// Cursor is the position after the last story of a page, for keyset paging:
// the sort key of that story (UpdatedAt in microseconds, or ArticleCount)
// with its UpdatedAt and ID as tie-breakers. Keyset paging stays correct and
// fast while stories are added, where an offset would skip or repeat.
type Cursor struct {
	Order   StoryOrder
	Key     int64 // ArticleCount for OrderArticles, else unused
	Updated int64 // UpdatedAt in Unix microseconds
	ID      string
}

// String encodes the cursor as an opaque, URL-safe token.
func (c Cursor) String() string {
	raw := fmt.Sprintf("%s|%d|%d|%s", c.Order, c.Key, c.Updated, c.ID)
	return base64.RawURLEncoding.EncodeToString([]byte(raw))
}

// ParseCursor decodes a token made by Cursor.String for a query in order.
func ParseCursor(order StoryOrder, token string) (Cursor, error) {
	raw, err := base64.RawURLEncoding.DecodeString(token)
	if err != nil {
		return Cursor{}, fmt.Errorf("store: cursor %q: %w", token, ErrInvalid)
	}
	parts := strings.SplitN(string(raw), "|", 4)
	if len(parts) != 4 || StoryOrder(parts[0]) != order {
		return Cursor{}, fmt.Errorf("store: cursor %q: %w", token, ErrInvalid)
	}
	key, err1 := strconv.ParseInt(parts[1], 10, 64)
	upd, err2 := strconv.ParseInt(parts[2], 10, 64)
	if err1 != nil || err2 != nil {
		return Cursor{}, fmt.Errorf("store: cursor %q: %w", token, ErrInvalid)
	}
	return Cursor{Order: order, Key: key, Updated: upd, ID: parts[3]}, nil
}

// Normalize returns the order a query means: OrderUpdated when empty.
func (o StoryOrder) Normalize() (StoryOrder, error) {
	switch o {
	case "", OrderUpdated:
		return OrderUpdated, nil
	case OrderArticles:
		return OrderArticles, nil
	}
	return "", fmt.Errorf("store: story order %q: %w", o, ErrInvalid)
}
