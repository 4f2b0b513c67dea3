from samverka.core.permissions import access_for, collaborations_for, municipalities_for


def me(user, *, by_token: bool) -> dict:
    access = access_for(user)

    def rows(places):
        return [{"slug": p.slug, "name": p.name, "role": access.role_in(p)} for p in places]

    return {
        "username": user.get_username(),
        "authenticated_by": "token" if by_token else "session",
        "municipalities": rows(municipalities_for(user)),
        "collaborations": rows(collaborations_for(user)),
    }
