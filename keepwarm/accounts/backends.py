"""Sign-in through Django's model backend, loading the user's profile with the user.

Every page reads the profile (the user's time zone, phone region, engine rules), so the signed-in user is
read with it in one query instead of two.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class UserWithProfileBackend(ModelBackend):
    def get_user(self, user_id):
        users = get_user_model()._default_manager
        try:
            user = users.select_related("profile").get(pk=user_id)
        except get_user_model().DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
